//! Hand-written Rust version of bench/kernels/mandelbrot.py (same algorithm,
//! same float operations in the same order), compiled natively with
//! `rustc -O` to show how far the WASM translation is from the limit.
//!
//! Usage: mandelbrot SIZE REPEATS; prints "<best seconds> <result>".

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

fn run(size: i64) -> i64 {
    let mut inside = 0;
    for py in 0..size {
        let ci = 2.0 * py as f64 / size as f64 - 1.0;
        for px in 0..size {
            let cr = 2.0 * px as f64 / size as f64 - 1.5;
            let mut zr = 0.0f64;
            let mut zi = 0.0f64;
            let mut escaped = false;
            for _ in 0..50 {
                let tr = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = tr;
                if zr * zr + zi * zi > 4.0 {
                    escaped = true;
                    break;
                }
            }
            if !escaped {
                inside += 1;
            }
        }
    }
    inside
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let size: i64 = args[1].parse().unwrap();
    let repeats: u32 = args[2].parse().unwrap();
    let mut best = f64::INFINITY;
    let mut result = 0;
    for _ in 0..repeats {
        let t0 = thread_time();
        result = run(unsafe { std::ptr::read_volatile(&size) });
        best = best.min(thread_time() - t0);
    }
    println!("{:e} {}", best, result);
}
