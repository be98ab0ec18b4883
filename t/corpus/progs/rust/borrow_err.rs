fn main() {
    let s = String::from("abc");
    let t = s;
    println!("{} {}", s, t);
}
