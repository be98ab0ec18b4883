#[derive(Debug)]
struct Unused { a: i32 }

fn helper() -> i32 { 1 }

fn main() {
    let x = 5;
    let mut y = 2;
    println!("{}", y);
}
