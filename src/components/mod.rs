pub mod bottom_panel;
pub mod canvas;
pub mod console;
pub mod event_log;
pub mod inspector;
pub mod palette;
pub mod top_bar;
