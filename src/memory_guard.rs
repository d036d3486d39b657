//! The memory guard. A wasm32 page has at most 4 GiB of memory, and a long run at high speed
//! can fill it; past the limit the module traps and the page dies. So the page counts the
//! bytes its allocator has handed out, and before they reach a budget well below the limit
//! the run loop pauses the clock and the learner is told what filled the memory (the model's
//! `footprint`) and what to do.

use shardlab_sim::scenario::ComponentKind;
use shardlab_sim::world::{Holder, Holding};
use shardlab_sim::World;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The budget when the page's URL does not set one: 1.5 GiB, well below wasm32's 4 GiB, and
/// leaves room for the allocator's own fragmentation.
pub const DEFAULT_BUDGET_MB: usize = 1_536;
/// The query parameter that sets another budget (the tests use a small one): `?memory-budget-mb=64`.
pub const BUDGET_PARAM: &str = "memory-budget-mb";
/// Whatever the live count says, the guard trips once the module's memory itself has grown
/// to three quarters of the 4 GiB a wasm32 module can address.
const MAX_MEMORY_BYTES: f64 = 3.0 * 1024.0 * 1024.0 * 1024.0;
const MB: usize = 1024 * 1024;

/// The system allocator, counting the bytes it has out.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

/// Bytes the allocator has handed out and not taken back.
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// The budget in MB: the page URL's `memory-budget-mb`, or the default.
pub fn budget_mb() -> usize {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    parse_budget(&search).unwrap_or(DEFAULT_BUDGET_MB)
}

/// `memory-budget-mb` from a URL's query string (`?a=1&memory-budget-mb=64`), if it is a
/// positive whole number no larger than the default.
pub fn parse_budget(search: &str) -> Option<usize> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let value = query.split('&').find_map(|pair| pair.strip_prefix(BUDGET_PARAM)?.strip_prefix('='))?;
    value.parse().ok().filter(|mb| (1..=DEFAULT_BUDGET_MB).contains(mb))
}

/// The size of the module's memory now, in bytes.
fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
}

/// Why the guard paused the clock: the memory used, the budget, and the model's largest
/// holders, each with the name the canvas shows it by.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryFull {
    pub used_mb: usize,
    pub budget_mb: usize,
    pub largest: Vec<(Holding, String)>,
}

/// The label of the canvas component that is `holder` (a stream by its stream name, a bucket
/// by its bucket name), or the AWS name when none is on the canvas.
fn canvas_name(world: &World, holder: &Holder) -> String {
    let doc = world.scenario();
    let (aws_name, on_canvas) = match holder {
        Holder::StreamRecords { stream, .. } => (
            stream,
            doc.components.iter().find(|c| matches!(&c.kind, ComponentKind::DataStream(s) if &s.stream_name == stream)),
        ),
        Holder::BucketObjects { bucket } => (
            bucket,
            doc.components.iter().find(|c| matches!(&c.kind, ComponentKind::S3Bucket(b) if &b.bucket == bucket)),
        ),
        Holder::RedshiftRows { table, .. } => (table, None),
        Holder::OpenSearchDocuments { domain } => (domain, None),
        Holder::HttpRequests { url } => (url, None),
        Holder::DynamoDbItems { table } => (table, None),
    };
    on_canvas.map_or_else(|| aws_name.clone(), |c| crate::announce::label_of(doc, &c.id))
}

/// How many of the largest holders the message names.
const NAMED: usize = 3;

/// `Some` once the memory in use has reached the budget.
pub fn check(world: &World) -> Option<MemoryFull> {
    let (live, budget) = (live_bytes(), budget_mb());
    if live < budget * MB && memory_bytes() < MAX_MEMORY_BYTES {
        return None;
    }
    let largest = world.footprint().into_iter().take(NAMED).map(|h| {
        let name = canvas_name(world, &h.holder);
        (h, name)
    });
    let largest = largest.collect();
    Some(MemoryFull { used_mb: live / MB, budget_mb: budget, largest })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_budget_comes_from_the_query_and_is_bounded() {
        assert_eq!(parse_budget("?memory-budget-mb=64"), Some(64));
        assert_eq!(parse_budget("?x=1&memory-budget-mb=200"), Some(200));
        assert_eq!(parse_budget("?memory-budget-mb=0"), None);
        assert_eq!(parse_budget("?memory-budget-mb=99999"), None, "never above the default");
        assert_eq!(parse_budget("?memory-budget-mbx=5"), None);
        assert_eq!(parse_budget(""), None);
    }

    #[wasm_bindgen_test]
    fn the_count_follows_what_is_allocated_and_freed() {
        let before = live_bytes();
        let block = vec![7u8; 3 * MB];
        let during = live_bytes();
        drop(block);
        let after = live_bytes();
        assert!(during >= before + 3 * MB, "{before} → {during}");
        assert!(after + 3 * MB <= during, "{during} → {after}");
    }
}
