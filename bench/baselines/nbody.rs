//! Hand-written Rust version of bench/kernels/nbody.py (same bodies, same
//! float operations in the same order, so the same bits), compiled natively
//! with `rustc -O` to show how far the WASM translation is from the limit.
//!
//! Usage: nbody STEPS REPEATS; prints "<best seconds> <result>" where the
//! result is formatted like Python's repr of the (before, after) tuple.

use std::env;

/// CPU time of this thread in seconds (clock_gettime(CLOCK_THREAD_CPUTIME_ID)),
/// the same clock as Python's time.thread_time() in bench_kernels.py.
fn thread_time() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

const PI: f64 = 3.14159265358979323;
const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;

struct Bodies {
    x: [f64; 5],
    y: [f64; 5],
    z: [f64; 5],
    vx: [f64; 5],
    vy: [f64; 5],
    vz: [f64; 5],
    m: [f64; 5],
}

fn energy(b: &Bodies) -> f64 {
    let mut e = 0.0;
    for i in 0..5 {
        e += 0.5 * b.m[i] * (b.vx[i] * b.vx[i] + b.vy[i] * b.vy[i] + b.vz[i] * b.vz[i]);
        for j in i + 1..5 {
            let dx = b.x[i] - b.x[j];
            let dy = b.y[i] - b.y[j];
            let dz = b.z[i] - b.z[j];
            e -= b.m[i] * b.m[j] / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    e
}

fn run(steps: i64) -> (f64, f64) {
    let d = DAYS_PER_YEAR;
    let mut b = Bodies {
        x: [0.0, 4.84143144246472090e00, 8.34336671824457987e00, 1.28943695621391310e01,
            1.53796971148509165e01],
        y: [0.0, -1.16032004402742839e00, 4.12479856412430479e00, -1.51111514016986312e01,
            -2.59193146099879641e01],
        z: [0.0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01,
            1.79258772950371181e-01],
        vx: [0.0, 1.66007664274403694e-03 * d, -2.76742510726862411e-03 * d,
             2.96460137564761618e-03 * d, 2.68067772490389322e-03 * d],
        vy: [0.0, 7.69901118419740425e-03 * d, 4.99852801234917238e-03 * d,
             2.37847173959480950e-03 * d, 1.62824170038242295e-03 * d],
        vz: [0.0, -6.90460016972063023e-05 * d, 2.30417297573763929e-05 * d,
             -2.96589568540237556e-05 * d, -9.51592254519715870e-05 * d],
        m: [SOLAR_MASS, 9.54791938424326609e-04 * SOLAR_MASS, 2.85885980666130812e-04 * SOLAR_MASS,
            4.36624404335156298e-05 * SOLAR_MASS, 5.15138902046611451e-05 * SOLAR_MASS],
    };
    let (mut px, mut py, mut pz) = (0.0, 0.0, 0.0);
    for i in 0..5 {
        px += b.vx[i] * b.m[i];
        py += b.vy[i] * b.m[i];
        pz += b.vz[i] * b.m[i];
    }
    b.vx[0] = -px / SOLAR_MASS;
    b.vy[0] = -py / SOLAR_MASS;
    b.vz[0] = -pz / SOLAR_MASS;
    let before = energy(&b);
    let dt = 0.01;
    for _ in 0..steps {
        for i in 0..5 {
            for j in i + 1..5 {
                let dx = b.x[i] - b.x[j];
                let dy = b.y[i] - b.y[j];
                let dz = b.z[i] - b.z[j];
                let d2 = dx * dx + dy * dy + dz * dz;
                let mag = dt / (d2 * d2.sqrt());
                let mi = b.m[i] * mag;
                let mj = b.m[j] * mag;
                b.vx[i] -= dx * mj;
                b.vy[i] -= dy * mj;
                b.vz[i] -= dz * mj;
                b.vx[j] += dx * mi;
                b.vy[j] += dy * mi;
                b.vz[j] += dz * mi;
            }
        }
        for i in 0..5 {
            b.x[i] += dt * b.vx[i];
            b.y[i] += dt * b.vy[i];
            b.z[i] += dt * b.vz[i];
        }
    }
    (before, energy(&b))
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let steps: i64 = args[1].parse().unwrap();
    let repeats: u32 = args[2].parse().unwrap();
    let mut best = f64::INFINITY;
    let mut result = (0.0, 0.0);
    for _ in 0..repeats {
        let t0 = thread_time();
        result = run(unsafe { std::ptr::read_volatile(&steps) });
        best = best.min(thread_time() - t0);
    }
    // Rust's `{:?}` for f64 prints the shortest round-trip digits, as Python's repr does.
    println!("{:e} ({:?}, {:?})", best, result.0, result.1);
}
