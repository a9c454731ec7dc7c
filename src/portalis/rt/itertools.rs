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
