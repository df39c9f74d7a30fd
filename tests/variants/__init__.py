"""The layout-variation suite: the sample plans' actions re-laid and re-rendered in ways
no sample paper shows, to measure whether planrecon generalises rather than remembers.

`truth` holds the actions as the builders print them, `families` re-lays them (one
seeded function per kind of variation), `render` prints a layout to each format, and
`score` runs the real readers and normalisation on the result and counts what landed
in the right role.
"""
