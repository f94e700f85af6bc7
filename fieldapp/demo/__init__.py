"""A demo data folder (an Aude flood operation) for trying FieldApp and for the benchmarks."""
