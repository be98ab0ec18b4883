fn main() {
    let args: Vec<String> = std::env::args().collect();
    let depth: usize = 7 + args.len();
    let buf = vec![0u8; 4];
    println!("{}", buf[depth]);
}
