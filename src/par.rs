//! An ordered parallel map over a slice, and `join` of two tasks, on rayon's pool of threads:
//! the corpus cleans and links its documents with it. The pool's threads last as long as the
//! process, so a call costs a wake-up rather than starting threads (about 100 µs here), and
//! each thread's scratch memory (the vocabulary's memo) is allocated once. Items are handed
//! out one at a time (documents differ a lot in size), so the threads finish together.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// A cap on the threads (0: none), for callers that must stay on one thread (fuzz targets,
/// where a thread's exit is reported by the leak sanitizer).
static MAX_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Use at most `n` threads from now on (0: the machine's parallelism).
pub fn set_max_threads(n: usize) {
    MAX_THREADS.store(n, Ordering::Relaxed);
}

thread_local! {
    /// This thread runs its parallel work itself ([`serial_on_this_thread`]).
    static SERIAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on, parallel work asked for on this thread runs on this thread alone. For a thread
/// that pool threads may wait on (an import's sandboxed reader: the pool thread that started
/// it blocks until it answers), so that its work never waits for a pool thread in turn.
pub fn serial_on_this_thread() {
    SERIAL.with(|s| s.set(true));
}

/// How many threads to use for `items` jobs: the pool's threads, at most one per job.
fn threads_for(items: usize) -> usize {
    if SERIAL.with(std::cell::Cell::get) {
        return 1;
    }
    let cap = match MAX_THREADS.load(Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    };
    rayon::current_num_threads().min(cap).min(items).max(1)
}

/// `items.iter().map(f).collect()`, computed on up to one thread per core. Items are handed
/// out one at a time, in order, to whichever thread is free (a caller that puts its largest
/// items first gets them started first; see [`map_largest_first`]). A panic in `f` is raised
/// again here.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, R)>> = (0..threads)
        .into_par_iter()
        .with_max_len(1)
        .map(|_| {
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                mine.push((i, f(item)));
            }
            mine
        })
        .collect();
    in_input_order(parts.into_iter().flatten().collect())
}

/// Results tagged with their item's index, put back in input order and untagged.
fn in_input_order<R>(mut tagged: Vec<(usize, R)>) -> Vec<R> {
    tagged.sort_unstable_by_key(|&(i, _)| i);
    tagged.into_iter().map(|(_, r)| r).collect()
}

/// [`map`] with the items handed out largest first by `size` (ties in input order), so that
/// no large item is left for the end while the other threads wait; results in input order.
pub fn map_largest_first<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<(usize, &T)> = items.iter().enumerate().collect();
    order.sort_by_cached_key(|&(i, t)| (std::cmp::Reverse(size(t)), i));
    in_input_order(map(&order, |&(i, t)| (i, f(t))))
}

/// `(a(), b())`, the two computed at once when more than one thread may run. A panic in
/// either is raised again here.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if threads_for(2) <= 1 {
        return (a(), b());
    }
    rayon::join(a, b)
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
    fn work_a_pool_thread_waits_for_runs_without_the_pool() {
        // Every pool thread (twice over) waits for a thread of its own that asks for parallel
        // work, as an import's sandbox does: with the pool busy waiting, that work must run on
        // its own thread, or it would wait for the pool until the timeout.
        let jobs: Vec<u64> = (0..2 * rayon::current_num_threads() as u64).collect();
        let answers = map(&jobs, |&i| {
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                serial_on_this_thread();
                let _ = tx.send(map(&[1u64, 2, 3], |x| x * i).iter().sum::<u64>());
            });
            rx.recv_timeout(std::time::Duration::from_secs(30)).ok()
        });
        let want: Vec<Option<u64>> = jobs.iter().map(|i| Some(6 * i)).collect();
        assert_eq!(answers, want);
    }

    #[test]
    fn largest_items_go_first_and_results_keep_input_order() {
        // On a thread that runs its parallel work itself, the order of the work is visible.
        let seen = std::thread::spawn(|| {
            serial_on_this_thread();
            let order = Mutex::new(Vec::new());
            let items = ["bb", "a", "dddd", "ccc", "ee"];
            let out = map_largest_first(
                &items,
                |s| s.len(),
                |s| {
                    if let Ok(mut o) = order.lock() {
                        o.push(*s);
                    }
                    s.to_uppercase()
                },
            );
            (out, order.into_inner().unwrap_or_default())
        })
        .join();
        let Ok((out, order)) = seen else {
            panic!("the worker panicked");
        };
        assert_eq!(out, ["BB", "A", "DDDD", "CCC", "EE"]);
        assert_eq!(order, ["dddd", "ccc", "bb", "ee", "a"]);
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
