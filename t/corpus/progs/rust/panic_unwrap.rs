fn main() {
    let v: Vec<u32> = Vec::new();
    let first: Option<&u32> = v.first();
    let n: i32 = "12a".parse().unwrap();
    println!("{:?} {}", first, n);
}
