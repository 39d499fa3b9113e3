//! The ordered, bounded parallel map: items are processed on every core, a window at
//! a time, and their results handed on in input order.
//!
//! A window is the bound: at most `window` results exist at once, whatever the number
//! of items, so a run over 100,000 files holds no more reports than one over 1,000.
//! Within a window rayon spreads the work; the results are consumed in order before
//! the next window starts, so the output never depends on the number of threads.

use rayon::prelude::*;

/// Files in flight at once by default: enough to keep every core busy through the
/// uneven cost of files, few enough that their reports stay small in memory.
pub const DEFAULT_WINDOW: usize = 256;

/// Maps `work` over `items` in parallel and hands each result to `consume` in input
/// order, holding at most `window` results at a time. Stops at the first error
/// `consume` returns (the rest of the items are not processed).
pub fn for_each_ordered<T, R, E>(
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    for chunk in items.chunks(window.max(1)) {
        let results: Vec<R> = chunk.par_iter().map(&work).collect();
        for result in results {
            consume(result)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        let done: Result<(), ()> = for_each_ordered(
            &items,
            64,
            |&i| {
                // Early items finish last within their window.
                std::thread::sleep(std::time::Duration::from_micros((500 - i) % 7 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert!(done.is_ok());
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_a_window_of_results_is_held() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let consumed = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let done: Result<(), ()> = for_each_ordered(
            &items,
            10,
            |_| {
                let ahead =
                    started.fetch_add(1, Ordering::SeqCst) + 1 - consumed.load(Ordering::SeqCst);
                most.fetch_max(ahead, Ordering::SeqCst);
            },
            |()| {
                consumed.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(done.is_ok());
        assert_eq!(consumed.load(Ordering::SeqCst), 1000);
        assert!(most.load(Ordering::SeqCst) <= 10, "{most:?}");
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let items: Vec<usize> = (0..100).collect();
        let mut seen = 0;
        let done = for_each_ordered(
            &items,
            8,
            |&i| i,
            |i| {
                seen += 1;
                if i == 20 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!(done, Err(20));
        assert_eq!(seen, 21);
    }
}
