//! A parallel map over a slice on scoped threads, results in input order: the corpus cleans
//! and links its documents with it. Items are handed out one at a time (documents differ a lot
//! in size), so the threads finish together.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A cap on the threads (0: none), for callers that must stay on one thread (fuzz targets,
/// where a thread's exit is reported by the leak sanitizer).
static MAX_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Use at most `n` threads from now on (0: the machine's parallelism).
pub fn set_max_threads(n: usize) {
    MAX_THREADS.store(n, Ordering::Relaxed);
}

/// How many threads to use for `items` jobs: the machine's parallelism, at most one per job.
fn threads_for(items: usize) -> usize {
    let cap = match MAX_THREADS.load(Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    };
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cap)
        .min(items)
        .max(1)
}

/// `items.iter().map(f).collect()`, computed on up to one thread per core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, f(item)));
                }
                // A poisoned lock means another worker panicked; the scope re-raises that.
                if let Ok(mut all) = done.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let mut all = done.into_inner().unwrap_or_else(|e| e.into_inner());
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// `(a(), b())`, the two computed at once when more than one thread may run (`b` on a new
/// thread). A panic in either is raised again here.
pub fn join<A: Send, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    if threads_for(2) <= 1 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        match other.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// `items.into_iter().map(f).collect()`, computed on up to one thread per core: [`map`] for
/// items the function takes by value.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if threads_for(items.len()) <= 1 {
        return items.into_iter().map(f).collect();
    }
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let out = map(&slots, |slot| {
        let item = slot.lock().ok().and_then(|mut s| s.take());
        item.map(&f)
    });
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cap_of_one_thread_runs_on_the_callers_thread() {
        let me = std::thread::current().id();
        set_max_threads(1);
        let on: Vec<bool> = map(&[1, 2, 3, 4, 5, 6, 7, 8], |_| {
            std::thread::current().id() == me
        });
        set_max_threads(0);
        assert!(on.iter().all(|&b| b), "{on:?}");
    }

    #[test]
    fn join_returns_both_results_in_order() {
        let (a, b) = join(|| (0..1000u64).sum::<u64>(), || "second".len());
        assert_eq!((a, b), (499_500, 6));
        set_max_threads(1);
        let me = std::thread::current().id();
        let (x, y) = join(
            || std::thread::current().id() == me,
            || std::thread::current().id() == me,
        );
        set_max_threads(0);
        assert!(x && y);
    }

    #[test]
    fn owned_items_keep_their_order() {
        let items: Vec<String> = (0..500).map(|i| i.to_string()).collect();
        let out = map_owned(items, |s| s.len());
        assert_eq!(out.len(), 500);
        assert_eq!(out.get(123), Some(&3));
        assert_eq!(out.first(), Some(&1));
    }

    #[test]
    fn keeps_input_order_and_computes_every_item() {
        let items: Vec<u64> = (0..1000).collect();
        let out = map(&items, |&x| {
            // Uneven work, so threads finish out of order.
            (0..(x % 7) * 1000).fold(x, |a, b| a.wrapping_add(b % 3))
                - (0..(x % 7) * 1000).map(|b| b % 3).sum::<u64>()
        });
        assert_eq!(out, items);
        assert!(map(&[] as &[u8], |&x| x).is_empty());
        assert_eq!(map(&[5u8], |&x| x + 1), vec![6]);
    }
}
