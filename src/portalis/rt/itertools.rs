//! `itertools` helpers for translated loops.

use crate::list::PyList;

/// `groupby(items)` without a key: runs of equal neighbours, each as
/// (its first item, the run).  Analysis only lets this through where the
/// groups are read the way CPython's shared iterator would hand them out
/// (analysis/groupby.py), and for item types whose `==` is exact.
pub fn groupby<T: Clone + PartialEq>(items: Vec<T>) -> Vec<(T, PyList<T>)> {
    let mut out: Vec<(T, PyList<T>)> = Vec::new();
    let mut run: Vec<T> = Vec::new();
    for item in items {
        if let Some(first) = run.first() {
            if *first != item {
                let key = first.clone();
                out.push((key, PyList::from_vec(std::mem::replace(&mut run, Vec::new()))));
            }
        }
        run.push(item);
    }
    if let Some(first) = run.first() {
        let key = first.clone();
        out.push((key, PyList::from_vec(run)));
    }
    out
}

/// Index tuples of `itertools.combinations(range(n), r)`, in CPython's order.
pub struct Combinations {
    n: usize,
    idx: Vec<usize>,
    started: bool,
    done: bool,
}

pub fn combinations(n: usize, r: usize) -> Combinations {
    Combinations { n: n, idx: (0..r).collect(), started: false, done: r > n }
}

impl Iterator for Combinations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(self.idx.clone());
        }
        let r = self.idx.len();
        // The rightmost index that can still move right.
        let mut i = r;
        loop {
            if i == 0 {
                self.done = true;
                return None;
            }
            i -= 1;
            if self.idx[i] != i + self.n - r {
                break;
            }
        }
        self.idx[i] += 1;
        for j in i + 1..r {
            self.idx[j] = self.idx[j - 1] + 1;
        }
        Some(self.idx.clone())
    }
}

/// Index tuples of `itertools.permutations(range(n), r)`: lexicographic.
pub struct Permutations {
    n: usize,
    idx: Vec<usize>,
    started: bool,
    done: bool,
}

pub fn permutations(n: usize, r: usize) -> Permutations {
    Permutations { n: n, idx: (0..r).collect(), started: false, done: r > n }
}

impl Iterator for Permutations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(self.idx.clone());
        }
        let r = self.idx.len();
        let mut pos = r;
        while pos > 0 {
            pos -= 1;
            let used: Vec<usize> = self.idx[..pos].to_vec();
            // The next larger unused value for this position, if any.
            let next = (self.idx[pos] + 1..self.n).find(|v| !used.contains(v));
            if let Some(v) = next {
                self.idx[pos] = v;
                let mut taken: Vec<usize> = self.idx[..=pos].to_vec();
                for j in pos + 1..r {
                    let smallest = (0..self.n).find(|v| !taken.contains(v)).unwrap_or(0);
                    self.idx[j] = smallest;
                    taken.push(smallest);
                }
                return Some(self.idx.clone());
            }
        }
        self.done = true;
        None
    }
}

/// Index tuples of `itertools.product(*pools)` with these pool sizes:
/// the rightmost index moves fastest.
pub struct Product {
    sizes: Vec<usize>,
    idx: Vec<usize>,
    started: bool,
    done: bool,
}

pub fn product(sizes: Vec<usize>) -> Product {
    let empty = sizes.iter().any(|s| *s == 0);
    let k = sizes.len();
    Product { sizes: sizes, idx: vec![0; k], started: false, done: empty }
}

impl Iterator for Product {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(self.idx.clone());
        }
        let mut i = self.idx.len();
        loop {
            if i == 0 {
                self.done = true;
                return None;
            }
            i -= 1;
            self.idx[i] += 1;
            if self.idx[i] < self.sizes[i] {
                return Some(self.idx.clone());
            }
            self.idx[i] = 0;
        }
    }
}
