use std::thread;

fn main() {
    let h = thread::Builder::new().name("uploader".into()).spawn(|| {
        let parts = [1, 2, 3];
        let idx = parts.len() + 2;
        parts[idx]
    }).unwrap();
    match h.join() {
        Ok(_) => eprintln!("uploader finished"),
        Err(_) => eprintln!("uploader thread panicked; falling back to local queue"),
    }
}
