//! The `reflint` binary: a thin shell over the library.

// mimalloc: reflint allocates many small strings (one per note field); the system allocator
// spent a tenth of a large run in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(reflint::cli::main_with(std::env::args().collect()));
}
