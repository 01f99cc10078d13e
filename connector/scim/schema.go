package scim

// Attribute types (RFC 7643 §2.3).
const (
	TypeString    = "string"
	TypeBoolean   = "boolean"
	TypeDecimal   = "decimal"
	TypeInteger   = "integer"
	TypeDateTime  = "dateTime"
	TypeReference = "reference"
	TypeComplex   = "complex"
	TypeBinary    = "binary"
)

// Attribute characteristics (RFC 7643 §2.2, §7).
const (
	MutabilityReadOnly  = "readOnly"
	MutabilityReadWrite = "readWrite"
	MutabilityImmutable = "immutable"
	MutabilityWriteOnly = "writeOnly"

	ReturnedAlways  = "always"
	ReturnedNever   = "never"
	ReturnedDefault = "default"
	ReturnedRequest = "request"

	UniquenessNone   = "none"
	UniquenessServer = "server"
	UniquenessGlobal = "global"
)

// Attribute is one attribute definition (RFC 7643 §2, §7). Empty Mutability,
// Returned and Uniqueness mean the RFC 7643 §2.2 defaults (readWrite, default,
// none); Type "" means string.
type Attribute struct {
	Name, Type, Description string
	SubAttributes           []*Attribute
	MultiValued             bool
	Required                bool
	CaseExact               bool
	Mutability              string // readOnly|readWrite|immutable|writeOnly
	Returned                string // always|never|default|request
	Uniqueness              string // none|server|global
	CanonicalValues         []string
	ReferenceTypes          []string
}

// typ, mutability, returned and uniqueness apply the RFC 7643 §2.2 defaults.
func (a *Attribute) typ() string {
	if a.Type == "" {
		return TypeString
	}
	return a.Type
}

func (a *Attribute) mutability() string {
	if a.Mutability == "" {
		return MutabilityReadWrite
	}
	return a.Mutability
}

func (a *Attribute) returned() string {
	if a.Returned == "" {
		return ReturnedDefault
	}
	return a.Returned
}

func (a *Attribute) uniqueness() string {
	if a.Uniqueness == "" {
		return UniquenessNone
	}
	return a.Uniqueness
}

// sub finds a sub-attribute by name, case-insensitively (RFC 7643 §2.1:
// attribute names are case insensitive).
func (a *Attribute) sub(name string) *Attribute {
	return findAttr(a.SubAttributes, name)
}

func findAttr(attrs []*Attribute, name string) *Attribute {
	for _, s := range attrs {
		if equalFold(s.Name, name) {
			return s
		}
	}
	return nil
}

// Resource renders the attribute as RFC 7643 §7 describes it.
func (a *Attribute) Resource() Resource {
	r := Resource{
		"name":        a.Name,
		"type":        a.typ(),
		"multiValued": a.MultiValued,
		"description": a.Description,
		"required":    a.Required,
		"mutability":  a.mutability(),
		"returned":    a.returned(),
	}
	// caseExact and uniqueness apply to string-like types only (RFC 7643 §7).
	switch a.typ() {
	case TypeString, TypeReference, TypeBinary:
		r["caseExact"] = a.CaseExact
		r["uniqueness"] = a.uniqueness()
	}
	if len(a.CanonicalValues) > 0 {
		r["canonicalValues"] = stringsToAny(a.CanonicalValues)
	}
	if len(a.ReferenceTypes) > 0 {
		r["referenceTypes"] = stringsToAny(a.ReferenceTypes)
	}
	if len(a.SubAttributes) > 0 {
		subs := make([]any, 0, len(a.SubAttributes))
		for _, s := range a.SubAttributes {
			subs = append(subs, s.Resource())
		}
		r["subAttributes"] = subs
	}
	return r
}

// Schema is a schema definition (RFC 7643 §7): the core schema of a resource
// type or one of its extensions.
type Schema struct {
	ID, Name, Description string
	Attributes            []*Attribute
}

// Resource is the schema as served by GET /Schemas/{id} (RFC 7643 §7, the
// example of §8.7.1), with schemas and meta.
func (s *Schema) Resource(location string) Resource {
	attrs := make([]any, 0, len(s.Attributes))
	for _, a := range s.Attributes {
		attrs = append(attrs, a.Resource())
	}
	r := Resource{
		"schemas":     []any{SchemaSchema},
		"id":          s.ID,
		"name":        s.Name,
		"description": s.Description,
		"attributes":  attrs,
		"meta":        map[string]any{"resourceType": "Schema", "location": location},
	}
	return r
}

// SchemaExtension names an extension schema of a resource type (RFC 7643 §6).
type SchemaExtension struct {
	Schema   string
	Required bool
}

// ResourceType is a resource type definition (RFC 7643 §6).
type ResourceType struct {
	ID, Name, Endpoint, Description, Schema string
	Extensions                              []SchemaExtension
}

// Resource is the resource type as served by GET /ResourceTypes/{name}
// (RFC 7643 §6, the example of §8.6).
func (rt ResourceType) Resource(location string) Resource {
	r := Resource{
		"schemas":     []any{SchemaResourceType},
		"id":          rt.ID,
		"name":        rt.Name,
		"endpoint":    rt.Endpoint,
		"description": rt.Description,
		"schema":      rt.Schema,
		"meta":        map[string]any{"resourceType": "ResourceType", "location": location},
	}
	if len(rt.Extensions) > 0 {
		exts := make([]any, 0, len(rt.Extensions))
		for _, e := range rt.Extensions {
			exts = append(exts, map[string]any{"schema": e.Schema, "required": e.Required})
		}
		r["schemaExtensions"] = exts
	}
	return r
}

func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
