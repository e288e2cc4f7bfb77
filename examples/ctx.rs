fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let d = reflint::extract::read_source(&reflint::extract::Source::File(p.into()), None).unwrap();
    for m in &d.markers {
        println!("{} {:?} | {}", m.label, m.pos, m.context);
    }
}
