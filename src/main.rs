mod error;
mod model;
mod ops;
mod output;

fn main() {
    let _ = ops::OPERATIONS;
    let _ = model::model();
}
