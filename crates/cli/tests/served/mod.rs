//! `shardlab serve --manual-clock` on a free port for a test, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Served {
    child: Child,
    /// host:port, as the server printed it.
    pub address: String,
}

impl Served {
    pub fn start() -> Served {
        Served::start_with(&[])
    }

    /// With more arguments for `shardlab serve`.
    pub fn start_with(args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shardlab"))
            .args(["serve", "--manual-clock", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("shardlab serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let address = first.split("http://").nth(1).expect("the endpoint is printed").trim().to_string();
        Served { child, address }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
