//! The document (the scenario being edited) with its undo and redo stacks. Every edit of the
//! canvas or the inspector is one step; undo and redo move between whole scenarios, which the
//! world then follows (`World::sync`).

use shardlab_sim::Scenario;
use std::rc::Rc;

/// How many steps undo keeps.
pub const UNDO_DEPTH: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub doc: Rc<Scenario>,
    undo: Vec<Rc<Scenario>>,
    redo: Vec<Rc<Scenario>>,
}

impl History {
    pub fn new(doc: Scenario) -> Self {
        History { doc: Rc::new(doc), undo: Vec::new(), redo: Vec::new() }
    }

    /// A new step: `next` becomes the document; redo is forgotten.
    pub fn push(&mut self, next: Scenario) {
        if *self.doc == next {
            return;
        }
        let previous = std::mem::replace(&mut self.doc, Rc::new(next));
        self.undo.push(previous);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The document undo would return to.
    pub fn peek_undo(&self) -> Option<&Scenario> {
        self.undo.last().map(|d| d.as_ref())
    }

    pub fn peek_redo(&self) -> Option<&Scenario> {
        self.redo.last().map(|d| d.as_ref())
    }

    pub fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            let current = std::mem::replace(&mut self.doc, previous);
            self.redo.push(current);
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            let current = std::mem::replace(&mut self.doc, next);
            self.undo.push(current);
        }
    }

    /// Starts over with `doc` (New, Open, a share link): no undo across it.
    pub fn reset(&mut self, doc: Scenario) {
        *self = History::new(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn named(name: &str) -> Scenario {
        Scenario { name: name.into(), ..Scenario::default() }
    }

    #[wasm_bindgen_test]
    fn undo_and_redo_walk_the_steps() {
        let mut h = History::new(named("a"));
        h.push(named("b"));
        h.push(named("c"));
        h.undo();
        assert_eq!(h.doc.name, "b");
        h.undo();
        assert_eq!(h.doc.name, "a");
        h.undo();
        assert_eq!(h.doc.name, "a", "nothing before the first step");
        h.redo();
        assert_eq!(h.doc.name, "b");
        h.push(named("d"));
        assert!(h.peek_redo().is_none(), "a new step forgets redo");
        h.push(named("d"));
        h.undo();
        assert_eq!(h.doc.name, "b", "pushing the same document is not a step");
    }
}
