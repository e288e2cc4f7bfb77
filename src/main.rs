//! The `reflint` binary: a thin shell over the library.

fn main() {
    std::process::exit(reflint::cli::main_with(std::env::args().collect()));
}
