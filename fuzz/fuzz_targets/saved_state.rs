//! The saved state's deserialisers: the reading state (JSON) and the values checked in
//! eframe's `app.ron` before the window opens (egui memory, window geometry).
#![no_main]

use caspian_atlas::app::storage::check_value;
use caspian_atlas::ui::SavedState;
use caspian_atlas::ui::state::STORAGE_KEY;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match which % 3 {
        0 => {
            let _ = SavedState::from_stored(Some(text));
            let _ = check_value(STORAGE_KEY, text);
        }
        1 => {
            let _ = check_value("egui", text);
        }
        _ => {
            let _ = check_value("window", text);
        }
    }
});
