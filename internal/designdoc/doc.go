// Package designdoc keeps docs/design.md honest: its quirk catalogue is generated from
// mockwebex.Catalogue(), and every design citation in the repository must resolve to one of its
// sections (design §1–§7).
//
//	go generate ./internal/designdoc     rewrites the catalogue table in docs/design.md
//	go test ./internal/designdoc         fails when the table is stale, when a file cites the
//	                                     design's predecessor ("SPEC" with a section number), or
//	                                     when it cites "design §X" and docs/design.md has no §X
//
// Citations are searched for in every file of the repository (.git and the ignored reports/ and
// bin/ directories aside; binary files skipped), with a line break and comment markers allowed
// between the word and the section sign, as happens when a comment wraps.
package designdoc

//go:generate go run ./gen -root ../..
