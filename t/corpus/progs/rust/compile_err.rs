fn main() {
    let count = 3;
    let total: u32 = "5";
    println!("{}", totl);
}
