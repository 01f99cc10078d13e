// Package scim is the SCIM 2.0 protocol library of the connector. It knows
// RFC 7643 (core schema), RFC 7644 (protocol) and RFC 9865 (cursor
// pagination), and nothing of Webex: the connector maps Webex to the
// Resource values this package reads and writes.
//
// # What it covers
//
//   - Errors (errors.go): Error, the one error type of the SCIM boundary, and
//     WriteError, which writes the RFC 7644 §3.12 body ("status" as a string,
//     scimType, detail) plus headers such as Retry-After. Anything that is not
//     an *Error becomes a 500 with a generic detail, so internals never leak.
//   - Schemas (schema.go, schemas_user.go, schemas_group.go): Attribute with
//     the RFC 7643 §2.2 characteristics, Schema and ResourceType with their
//     RFC 7643 §6–§7 representations, and the User and Group schemas as this
//     product maps them (design §4.1, §4.2), plus the whole enterprise
//     extension (RFC 7643 §4.3), from which a connector publishes what it holds
//     and recognises the rest that Entra sends.
//   - Paths (resolve.go): ResourceSchema.Resolve turns "name.givenName",
//     "urn:…:User:userName" or "urn:…:extension:…:status" into an AttrRef,
//     case-insensitively (RFC 7643 §2.1, RFC 7644 §3.10); the common
//     attributes id, externalId, meta and schemas (RFC 7643 §3.1) resolve on
//     every resource.
//   - Filters (filter*.go): ParseFilter parses with
//     github.com/scim2/filter-parser/v2 and resolves every attribute, so a
//     bad filter fails once with 400 invalidFilter and Match cannot fail.
//     Equality and Prefix recognise the shapes the connector pushes down to
//     Webex (design §3.3).
//   - Projection (project.go): attributes and excludedAttributes (RFC 7644 §3.9).
//   - Lists and paging (params.go, list.go, cursor.go): ParseListParams
//     (RFC 7644 §3.4.2, RFC 9865 §2), ListResponse, and CursorCodec, which
//     signs cursors with HMAC-SHA256 so that any replica sharing the key
//     accepts them (design §3.10).
//   - PATCH (patch*.go): ParsePatch checks the PatchOp message, ApplyPatch
//     applies the operations to a copy (RFC 7644 §3.5.2).
//
// # Decisions where the RFCs leave room
//
//   - ne is the negation of eq: on a multi-valued attribute it matches when
//     no value is equal, and it matches a resource without the attribute.
//   - A complex attribute named in a comparison without a sub-attribute
//     ("emails co "example.com"", RFC 7644 Figure 2) compares its "value"
//     sub-attribute; with no such sub-attribute only pr is allowed.
//   - Filter compare values must fit the attribute's type (a quoted string
//     for strings, true/false for booleans, an RFC 3339 time for dateTime);
//     otherwise 400 invalidFilter rather than a filter that silently matches
//     nothing. A dateTime without a zone is UTC.
//   - Unqualified extension attribute names resolve when exactly one
//     extension defines them (RFC 7644 §3.10 says clients SHOULD qualify).
//   - Names in attributes/excludedAttributes that match no attribute are
//     ignored (RFC 7644 §3.9 defines no error; clients send one list for
//     several resource types). Keys of a resource that its schema does not
//     describe are returned by default and dropped when attributes is given.
//   - Paging: count above the maximum is lowered to it (the RFC lets the
//     server return fewer); cursor and startIndex together are 400
//     invalidValue; a repeated query parameter counts once, the first. An
//     empty filter parameter is 400 invalidFilter (RFC 7644 §3.4.2.2: at least
//     one expression).
//   - Cursors carry their expiry inside the MAC, so a cursor whose expiry was
//     edited is invalidCursor, not accepted and not expiredCursor. A cursor
//     the service did not issue is always refused (Starling echoes it back
//     with an empty page; design §3.4 is stricter on purpose).
//   - PATCH op names are case-insensitive ("Replace" from Entra); boolean
//     attributes also take the strings "true"/"false" in any case (Entra's
//     "False", design §3.6).
//   - Path-less add/replace: each key of the value is a path, so dotted keys
//     ("name.givenName", Entra's newer format) and URN keys work; a key that
//     is a schema URN holds that schema's attributes; "schemas" is skipped.
//   - add with a filter that matches nothing: the RFC says a target that
//     does not exist is added, so the new value is built from the filter's
//     eq terms ("emails[type eq "work"].value" adds {"type":"work","value":…}),
//     which is what Entra relies on. A filter that is not a conjunction of eq
//     terms cannot say what to add: 400 noTarget. replace with a filter that
//     matches nothing is 400 noTarget (RFC 7644 §3.5.2.3). remove with a
//     filter that matches nothing succeeds and changes nothing (the RFC's
//     member example; design §3.6).
//   - add of a value already present (same "value" sub-attribute, e.g. the
//     same member) merges into it instead of duplicating it.
//   - remove of a whole multi-valued attribute that carries a value (Entra:
//     {"op":"Remove","path":"members","value":[{"value":"id"}]}) removes just
//     those values; without a value it removes all (RFC 7644 §3.5.2.2).
//     Removing everything from a Webex team by accident would be far worse
//     than not following the letter of the RFC for a request it does not
//     define.
//   - replace with null, [] or {} unassigns (RFC 7643 §2.5); add with null is
//     400 invalidValue.
//   - Mutability: writing a readOnly attribute (id, meta, userType,
//     name.formatted, members.display) through its path is 400 mutability,
//     unless the value equals the current one (Okta echoes the group id in its
//     rename). readOnly sub-attributes inside a whole complex value (Okta's
//     members[].display, a name object with formatted) are server-owned and
//     dropped, as RFC 7644 §3.5.1 ignores readOnly values on PUT. immutable
//     attributes may be set only while unassigned; a new value of a
//     multi-valued attribute (a new member) is a new record, so its immutable
//     sub-attributes are set freely. Removing a required or readOnly
//     attribute is 400 mutability (RFC 7644 §3.5.2.2).
//   - "primary": a value written with primary true clears primary on the
//     others (RFC 7644 §3.5.2); two values written primary in one operation
//     is 400 invalidValue.
//   - Writing an extension attribute adds the extension URN to "schemas";
//     removing its last attribute removes the extension object and the URN.
//   - Limits: a filter or PATCH path is at most 16 KiB (16384 bytes) and nests
//     brackets at most 32 deep, and a PATCH holds at most 1000 operations
//     (400 invalidFilter / invalidPath / invalidValue). The parser's cost
//     grows faster than its input, and identity providers send filters of a
//     few dozen bytes and a handful of operations.
//   - scim2/filter-parser v2.3.1 accepts only upper-case hex in \u escapes;
//     the library upper-cases them before parsing, and Filter.String writes
//     them upper-case, so String() always parses back to the same filter.
package scim
