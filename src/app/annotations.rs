//! The reader's corrections and notes on the library worker: each stored at once (one
//! statement, so whole or not at all) and the window sent what changed — a re-built library
//! for a correction (applied over the linker's mentions), the notes for a note.

use super::files::{Event, WorkerState};
use crate::library::corrections::NewCorrection;
use crate::library::notes::{NoteContent, Target};

/// A correction or note for the library worker to store.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationJob {
    Correct(NewCorrection),
    UndoCorrection(i64),
    AddNote(Target, NoteContent),
    EditNote {
        id: i64,
        body: String,
        colour: String,
    },
    RemoveNote(i64),
}

impl WorkerState {
    /// Store one correction or note and send the window what changed.
    pub(super) fn annotate(&mut self, job: AnnotationJob) {
        let store = &mut self.parts.store;
        let (outcome, relink) = match job {
            AnnotationJob::Correct(c) => (
                store.add_correction(&c).map(|_| {
                    Some(format!(
                        "Corrected \u{201c}{}\u{201d} ({}); Corrections lists it",
                        crate::clip::clip(&c.surface),
                        c.scope.label()
                    ))
                }),
                true,
            ),
            AnnotationJob::UndoCorrection(id) => (
                store.remove_correction(id).map(|found| {
                    Some(if found {
                        "Correction undone: the linker's own result is back".to_string()
                    } else {
                        format!("correction {id} was already undone")
                    })
                }),
                true,
            ),
            AnnotationJob::AddNote(target, content) => {
                (store.add_note(target, &content).map(|_| None), false)
            }
            AnnotationJob::EditNote { id, body, colour } => (
                store.edit_note(id, &body, &colour).map(|found| {
                    (!found).then(|| format!("note {id} is no longer in the library"))
                }),
                false,
            ),
            AnnotationJob::RemoveNote(id) => (store.remove_note(id).map(|_| None), false),
        };
        match outcome {
            Ok(message) => {
                if relink {
                    self.snapshot();
                } else {
                    match self.parts.store.notes() {
                        Ok(notes) => self.send(Event::Notes(notes)),
                        Err(e) => self.send(Event::Warning(format!("library: {e}"))),
                    }
                }
                if let Some(m) = message {
                    self.send(Event::Notice(m));
                }
            }
            Err(e) => self.send(Event::Warning(format!("library: {e}"))),
        }
    }
}
