package scim

import (
	"net/http"
	"strings"
	"unicode/utf8"

	filter "github.com/scim2/filter-parser/v2"
)

// Resource is a SCIM resource as JSON-shaped values: string, bool, float64 or
// json.Number, []any, map[string]any, nil.
type Resource = map[string]any

// ResourceSchema is a resource's full shape: its core schema and its
// extensions. It resolves attribute paths for filters, projection and PATCH.
type ResourceSchema struct {
	Core       *Schema
	Extensions []*Schema
}

// AttrRef is a resolved attribute path.
type AttrRef struct {
	Schema string     // extension URN; "" for the core schema and the common attributes
	Attr   *Attribute // the top-level attribute
	Sub    *Attribute // the sub-attribute for "a.b"; nil otherwise
}

// Target is the attribute the path ends at: Sub when set, else Attr.
func (a *AttrRef) Target() *Attribute {
	if a.Sub != nil {
		return a.Sub
	}
	return a.Attr
}

// String is the canonical spelling of the path: the schema's own case, URN
// prefix only for extensions ("name.givenName", "urn:…:User:status").
func (a *AttrRef) String() string {
	s := a.Attr.Name
	if a.Sub != nil {
		s += "." + a.Sub.Name
	}
	if a.Schema != "" {
		s = a.Schema + ":" + s
	}
	return s
}

// commonAttribute returns the common attribute called name (RFC 7643 §3.1:
// id, externalId, meta), or nil. "schemas" is not an attribute in the RFC's
// sense, but filters may name it (RFC 7644 §3.4.2.2, Figure 2) and projection
// always returns it. Each call builds only the attribute asked for: this runs
// per filter term and per resource key in Project.
func commonAttribute(name string) *Attribute {
	switch {
	case equalFold(name, "id"):
		return idAttribute()
	case equalFold(name, "externalId"):
		return &Attribute{
			Name: "externalId", Type: TypeString, CaseExact: true,
			Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
			Description: "An identifier for the resource as defined by the provisioning client.",
		}
	case equalFold(name, "meta"):
		return metaAttribute()
	case equalFold(name, "schemas"):
		return &Attribute{
			Name: "schemas", Type: TypeReference, MultiValued: true, CaseExact: true,
			Mutability: MutabilityReadOnly, Returned: ReturnedAlways,
			Description: "The schema URIs of the resource.",
		}
	}
	return nil
}

func metaAttribute() *Attribute {
	readOnly := func(name, typ, desc string) *Attribute {
		return &Attribute{Name: name, Type: typ, CaseExact: true, Mutability: MutabilityReadOnly, Returned: ReturnedDefault, Description: desc}
	}
	return &Attribute{
		Name: "meta", Type: TypeComplex, Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
		Description: "Resource metadata.",
		SubAttributes: []*Attribute{
			readOnly("resourceType", TypeString, "The name of the resource type of the resource."),
			readOnly("created", TypeDateTime, "The date and time the resource was added to the service provider."),
			readOnly("lastModified", TypeDateTime, "The most recent date and time that the details of this resource were updated."),
			{
				Name: "location", Type: TypeReference, ReferenceTypes: []string{"uri"}, CaseExact: true,
				Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
				Description: "The URI of the resource being returned.",
			},
			readOnly("version", TypeString, "The version (ETag) of the resource being returned."),
		},
	}
}

func idAttribute() *Attribute {
	return &Attribute{
		Name: "id", Type: TypeString, CaseExact: true,
		Mutability: MutabilityReadOnly, Returned: ReturnedAlways, Uniqueness: UniquenessServer,
		Description: "A unique identifier for a SCIM resource as defined by the service provider. READ-ONLY.",
	}
}

// UnknownAttribute is the error for a path that names no attribute of the
// resource. PATCH reports it as invalidPath, filters as invalidFilter
// (RFC 7644 §3.12).
func UnknownAttribute(scimType, path string) *Error {
	return Errorf(http.StatusBadRequest, scimType, "unknown attribute %q", path)
}

// Resolve resolves an attribute path (RFC 7644 §3.10): "userName",
// "name.givenName", "emails.value", "meta.lastModified", with or without a
// schema URN prefix ("urn:ietf:params:scim:schemas:core:2.0:User:userName",
// "urn:scim:schemas:extension:webex:2.0:User:status"). Names and URNs match
// case-insensitively (RFC 7643 §2.1). An unknown path is a 400 invalidPath
// *Error; re-label it with WithScimType where another keyword fits.
func (rs *ResourceSchema) Resolve(path string) (*AttrRef, error) {
	ref, ok := rs.resolve(path)
	if !ok {
		return nil, UnknownAttribute(ScimTypeInvalidPath, path)
	}
	return ref, nil
}

// PathAttribute is the attribute path a PATCH path names (RFC 7644 §3.5.2,
// Figure 7: PATH = attrPath / valuePath [subAttr]), as written but without its
// value filter: `addresses[type eq "work"].locality` → "addresses.locality",
// "urn:…:enterprise:2.0:User:manager.value" unchanged. It checks syntax only
// (400 invalidPath), not the schema, so that a caller can recognise attributes
// its schema does not describe; and it drops the filter, whose comparison
// values are client data (`emails[value eq "…"]`), so the result can be
// logged.
func PathAttribute(path string) (string, error) {
	if err := checkFilterSize(path); err != nil {
		return "", err.WithScimType(ScimTypeInvalidPath)
	}
	p, err := filter.ParsePath(upperHexEscapes(path))
	if err != nil {
		return "", checkPathSyntax(path)
	}
	attr := p.AttributePath.String()
	if p.SubAttribute != nil {
		attr += "." + *p.SubAttribute
	}
	return attr, nil
}

func (rs *ResourceSchema) resolve(path string) (*AttrRef, bool) {
	urn, rest := splitURN(path)
	var attrs []*Attribute
	schema := ""
	switch {
	case urn == "":
		attrs = rs.coreAttributes()
	case rs.Core != nil && equalFold(urn, rs.Core.ID):
		attrs = rs.coreAttributes()
	default:
		ext := rs.extension(urn)
		if ext == nil {
			return nil, false
		}
		attrs, schema = ext.Attributes, ext.ID
	}
	name, subName, hasSub := strings.Cut(rest, ".")
	attr := findAttr(attrs, name)
	if attr == nil && schema == "" {
		attr = commonAttribute(name)
	}
	if attr == nil && urn == "" {
		// RFC 7644 §3.10: clients SHOULD (not MUST) qualify extension
		// attributes; an unqualified name that one extension alone defines
		// is that one.
		attr, schema = rs.uniqueExtensionAttr(name)
	}
	if attr == nil {
		return nil, false
	}
	ref := &AttrRef{Schema: schema, Attr: attr}
	if hasSub {
		ref.Sub = attr.sub(subName)
		if ref.Sub == nil {
			return nil, false
		}
	}
	return ref, true
}

// resolveSub resolves a sub-attribute name relative to a complex attribute, as
// inside a valuePath filter ("emails[type eq "work"]", RFC 7644 §3.4.2.2).
func resolveSub(parent *AttrRef, name string) (*AttrRef, bool) {
	sub := parent.Attr.sub(name)
	if sub == nil {
		return nil, false
	}
	return &AttrRef{Schema: parent.Schema, Attr: parent.Attr, Sub: sub}, true
}

func (rs *ResourceSchema) coreAttributes() []*Attribute {
	if rs.Core == nil {
		return nil
	}
	return rs.Core.Attributes
}

// uniqueExtensionAttr finds name among the extensions' attributes when exactly
// one extension defines it.
func (rs *ResourceSchema) uniqueExtensionAttr(name string) (*Attribute, string) {
	var found *Attribute
	schema := ""
	for _, e := range rs.Extensions {
		if a := findAttr(e.Attributes, name); a != nil {
			if found != nil {
				return nil, ""
			}
			found, schema = a, e.ID
		}
	}
	return found, schema
}

// extension finds an extension schema by URN, case-insensitively.
func (rs *ResourceSchema) extension(urn string) *Schema {
	for _, e := range rs.Extensions {
		if equalFold(e.ID, urn) {
			return e
		}
	}
	return nil
}

// splitURN splits "urn:…:attr.sub" into the URN and "attr.sub". Attribute
// names cannot hold ':' (RFC 7644 §3.4.2.2 ATTRNAME) while URNs can hold '.'
// ("2.0"), so the last ':' is the boundary.
func splitURN(path string) (urn, rest string) {
	if !hasPrefixFold(path, "urn:") {
		return "", path
	}
	i := strings.LastIndexByte(path, ':')
	return path[:i], path[i+1:]
}

// isSchemaURN reports whether s names the core schema or an extension, with no
// attribute after it (a key such as "urn:…:extension:webex:2.0:User" holding
// the extension's attributes).
func (rs *ResourceSchema) isSchemaURN(s string) bool {
	return (rs.Core != nil && equalFold(s, rs.Core.ID)) || rs.extension(s) != nil
}

// lookup finds a key of m case-insensitively (RFC 7643 §2.1), preferring an
// exact match.
func lookup(m map[string]any, name string) (key string, val any, ok bool) {
	if v, ok := m[name]; ok {
		return name, v, true
	}
	for k, v := range m {
		if equalFold(k, name) {
			return k, v, true
		}
	}
	return "", nil, false
}

// container is the map holding the attributes of ref's schema: r itself for
// the core schema, r[urn] for an extension. nil when absent.
func container(r map[string]any, schema string) map[string]any {
	if schema == "" {
		return r
	}
	_, v, _ := lookup(r, schema)
	m, _ := v.(map[string]any)
	return m
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	return strings.EqualFold(a, b)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// truncate keeps user-supplied text in error details short and valid UTF-8.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
