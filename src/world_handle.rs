//! The one `World` the page owns, shared with every view through a Yew context. Views read it;
//! they change it only through its own API (advance, and the intents later issues add).

use shardlab_sim::World;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone)]
pub struct WorldHandle {
    pub world: Rc<RefCell<World>>,
    /// The app's revision when this handle was provided: a new one makes readers redraw.
    pub revision: u64,
}

impl PartialEq for WorldHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.world, &other.world) && self.revision == other.revision
    }
}
