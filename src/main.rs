fn main() {
    shardlab::start();
}
