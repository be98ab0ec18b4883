use std::collections::HashMap;

fn port(cfg: &HashMap<&str, &str>) -> u16 {
    cfg.get("port").expect("config key 'port' missing").parse().unwrap()
}

fn main() {
    let mut cfg = HashMap::new();
    cfg.insert("host", "127.0.0.1");
    println!("{}", port(&cfg));
}
