//! A text document through cleaning, splitting into passages and linking to the atlas.
#![no_main]

use std::sync::OnceLock;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::ingest_text;
use caspian_atlas::links::{Linker, Links};
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static (Atlas, Option<Linker>) {
    static SETUP: OnceLock<(Atlas, Option<Linker>)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let atlas = Atlas::load_embedded();
        let linker = Linker::from_atlas(&atlas).ok();
        (atlas, linker)
    })
}

fuzz_target!(
    init: {
        // One thread: a worker thread's exit is reported as a leak by the leak sanitizer
        // (glibc's thread-local destructor list), and a fuzzer wants one core anyway.
        caspian_atlas::par::set_max_threads(1);
    },
    |data: &[u8]| {
    let (atlas, linker) = setup();
    let Ok((_, passages)) = ingest_text("fuzz.txt", data) else {
        return;
    };
    if let Some(linker) = linker {
        let links = Links::from_parts(atlas.features(), &passages, linker);
        let _ = links.all_mentions().len();
    }
});
