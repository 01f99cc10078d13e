package connector

import (
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Attributes RFC 7643 defines that Webex has no field for (doc.go, "Attributes Webex cannot
// hold"). Identity providers send them in their default mappings (Entra: externalId,
// preferredLanguage, locale, employeeNumber and the rest of the enterprise extension; Okta:
// locale, profileUrl, password on create), and treat any 4xx as a failed sync. They are accepted
// and not stored on POST, PUT and PATCH: RFC 7644 §3.3 lets the server "alter and/or ignore
// POSTed content", and the answer shows what Webex holds; /Schemas does not publish them.
// Attributes that RFC 7643 does not define stay 400 invalidPath in a PATCH, so a typo is never
// silently dropped.

// enterpriseKey is scim.SchemaEnterpriseUser in lower case, as the keys below are written.
const enterpriseKey = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"

// userNotStoredKey reports whether key — an attribute path in lower case, core attributes
// without their URN, enterprise ones with it, a sub-attribute after a dot — is defined for the
// User by RFC 7643 (core §4.1, §8.7.1; enterprise extension §4.3) and not mapped to Webex
// (design §4.1). name.formatted, nickName and manager.displayName are mapped but derived
// (readOnly; nickName is the first name, WX08): a value sent for them is ignored, as RFC 7644
// §3.5.1 says of readOnly values. The sub-attributes are
// listed one by one so that phoneNumbers.valeu is still a typo. title, phoneNumbers (value, type,
// primary), addresses (streetAddress, locality, region, postalCode, country, type), department and
// manager.value are Webex's directory fields (user_directory.go).
func userNotStoredKey(key string) bool {
	switch key {
	case "externalid",
		"name.formatted", "name.middlename", "name.honorificprefix", "name.honorificsuffix",
		"nickname", // readOnly: Webex sets it to firstName on every write (WX08)
		"profileurl", "preferredlanguage", "locale", "password",
		"emails.display", "photos.display", "phonenumbers.display",
		"ims", "ims.value", "ims.display", "ims.type", "ims.primary",
		"addresses.formatted", "addresses.primary",
		"groups", "groups.value", "groups.$ref", "groups.display", "groups.type",
		"x509certificates", "x509certificates.value", "x509certificates.display", "x509certificates.type",
		"x509certificates.primary",
		enterpriseKey + ":employeenumber", enterpriseKey + ":costcenter", enterpriseKey + ":organization",
		enterpriseKey + ":division", enterpriseKey + ":manager.$ref", enterpriseKey + ":manager.displayname":
		return true
	}
	return false
}

// groupNotStoredKey is userNotStoredKey for the Group (RFC 7643 §4.2): every Group attribute is
// mapped to the team but externalId, for which Webex has no field.
func groupNotStoredKey(key string) bool { return key == "externalid" }

// notStored is the set of standard attributes one resource type accepts and does not store.
type notStored struct {
	resource string            // "User", "Group": for the log line
	coreURN  string            // the core schema, which may qualify a core attribute
	ext      string            // an extension some of whose attributes are not stored; "" for none
	has      func(string) bool // the set, on lower-case keys
}

func userNotStored() notStored {
	return notStored{resource: "User", coreURN: scim.SchemaUser, ext: scim.SchemaEnterpriseUser, has: userNotStoredKey}
}

func groupNotStored() notStored {
	return notStored{resource: "Group", coreURN: scim.SchemaGroup, has: groupNotStoredKey}
}

// match reports whether attr (an attribute path without filter, any case, qualified or not) is
// in the set.
func (n notStored) match(attr string) bool {
	key := strings.ToLower(attr)
	if core := strings.ToLower(n.coreURN) + ":"; strings.HasPrefix(key, core) {
		key = key[len(core):]
	}
	return n.has(key)
}

// isExt reports whether s names the not-stored extension itself (a path or key holding an
// object of its attributes).
func (n notStored) isExt(s string) bool { return n.ext != "" && strings.EqualFold(s, n.ext) }

// dropFromPatch removes from ops what targets attributes of the set, before scim.ApplyPatch
// (design §3.6): an operation whose path names one, the keys of a path-less value that do, and the
// sub-attributes of a complex value that are (name.formatted inside "name"). ignored names what
// was dropped, as attribute paths without filters (whose comparison values are client data),
// for the log. An operation left with nothing to apply is dropped whole.
func (n notStored) dropFromPatch(ops []scim.PatchOp) (kept []scim.PatchOp, ignored []string, err error) {
	kept = make([]scim.PatchOp, 0, len(ops))
	for _, op := range ops {
		switch {
		case op.Path == "":
			m, _ := op.Value.(map[string]any) // ParsePatch made sure it is an object
			rest, names, err := n.dropKeys(m)
			if err != nil {
				return nil, nil, err
			}
			ignored = append(ignored, names...)
			if len(rest) == 0 && len(m) > 0 {
				continue
			}
			op.Value = rest
		case n.isExt(op.Path):
			if op.Op == scim.OpRemove {
				break // removes what the extension holds (department, manager)
			}
			rest, names, err := n.extKeys(op.Value)
			if err != nil {
				return nil, nil, err
			}
			ignored = append(ignored, names...)
			if len(rest) == 0 {
				continue
			}
			op.Value = rest
		default:
			attr, err := scim.PathAttribute(op.Path)
			if err != nil {
				return nil, nil, err
			}
			if n.match(attr) {
				if err := n.checkSubs(attr, op.Value); err != nil {
					return nil, nil, err
				}
				ignored = append(ignored, attr)
				continue
			}
			v, names, emptied := n.dropSubs(attr, op.Value)
			ignored = append(ignored, names...)
			if emptied {
				continue
			}
			op.Value = v
		}
		kept = append(kept, op)
	}
	return kept, dedupe(ignored), nil
}

// dropKeys is dropFromPatch for a path-less value (RFC 7644 §3.5.2.1, §3.5.2.3), whose keys are
// paths themselves: plain, dotted (Entra's "name.givenName"), URN-qualified, or a schema URN
// holding that schema's attributes. It returns a copy without the keys of the set.
func (n notStored) dropKeys(m map[string]any) (map[string]any, []string, error) {
	out := make(map[string]any, len(m))
	var ignored []string
	for k, v := range m {
		switch {
		case n.isExt(k):
			rest, names, err := n.extKeys(v)
			if err != nil {
				return nil, nil, err
			}
			ignored = append(ignored, names...)
			if len(rest) > 0 {
				out[k] = rest
			}
		case strings.EqualFold(k, n.coreURN):
			inner, ok := v.(map[string]any)
			if !ok {
				out[k] = v // not an object: scim.ApplyPatch says so
				continue
			}
			rest, names, err := n.dropKeys(inner)
			if err != nil {
				return nil, nil, err
			}
			ignored = append(ignored, names...)
			if len(rest) > 0 || len(inner) == 0 {
				out[k] = rest
			}
		case n.match(k):
			if err := n.checkSubs(k, v); err != nil {
				return nil, nil, err
			}
			ignored = append(ignored, k)
		default:
			nv, names, emptied := n.dropSubs(k, v)
			ignored = append(ignored, names...)
			if !emptied {
				out[k] = nv
			}
		}
	}
	return out, ignored, nil
}

// extKeys splits the object given for the extension: the attributes of the set (names, each
// checked by checkSubs) and the rest, without the set's sub-attributes (manager.$ref), which
// scim.ApplyPatch then checks against the schema (an unknown one is 400 invalidPath there).
func (n notStored) extKeys(v any) (rest map[string]any, names []string, err error) {
	m, ok := v.(map[string]any)
	if !ok && v != nil {
		return nil, nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidValue,
			"%s must be an object of that extension's attributes", n.ext)
	}
	rest = make(map[string]any, len(m))
	for k, sv := range m {
		path := n.ext + ":" + k
		if n.match(path) {
			if err := n.checkSubs(path, sv); err != nil {
				return nil, nil, err
			}
			names = append(names, path)
			continue
		}
		nv, subs, emptied := n.dropSubs(path, sv)
		names = append(names, subs...)
		if !emptied {
			rest[k] = nv
		}
	}
	return rest, names, nil
}

// checkSubs: the keys of an object value of attr (or of each object of an array value), which is
// dropped whole, must still be sub-attributes RFC 7643 defines for it (else 400 invalidPath), so
// that phoneNumbers [{"valeu": …}] is not dropped silently.
func (n notStored) checkSubs(attr string, v any) error {
	elems, ok := v.([]any)
	if !ok {
		elems = []any{v}
	}
	for _, e := range elems {
		m, _ := e.(map[string]any)
		for k := range m {
			if !n.match(attr + "." + k) {
				return scim.UnknownAttribute(scim.ScimTypeInvalidPath, attr+"."+k)
			}
		}
	}
	return nil
}

// dropSubs removes the set's sub-attributes from the value of attr, a complex attribute (an
// object) or a multi-valued one (an array of objects): {"formatted": …} under "name",
// {"display": …} in emails. emptied says an object value had nothing else. A value that holds
// none is returned as it is.
func (n notStored) dropSubs(attr string, v any) (out any, ignored []string, emptied bool) {
	strip := func(m map[string]any) map[string]any {
		var c map[string]any
		for k := range m {
			if n.match(attr + "." + k) {
				if c == nil {
					c = make(map[string]any, len(m))
					for k2, v2 := range m {
						c[k2] = v2
					}
				}
				delete(c, k)
				ignored = append(ignored, attr+"."+k)
			}
		}
		if c == nil {
			return m
		}
		return c
	}
	switch v := v.(type) {
	case map[string]any:
		m := strip(v)
		return m, ignored, len(m) == 0 && len(v) > 0
	case []any:
		var list []any
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			if sm := strip(m); len(sm) != len(m) {
				if list == nil {
					list = append([]any(nil), v...)
				}
				list[i] = sm
			}
		}
		if list != nil {
			return list, ignored, false
		}
	}
	return v, ignored, false
}

// inBody lists what a POST or PUT body carries that is not stored: attributes of the set
// (ignored) and attributes rs does not describe at all (unknown). Both are ignored, as before
// (RFC 7644 §3.3); the lists are only for the log.
func (n notStored) inBody(body scim.Resource, rs *scim.ResourceSchema) (ignored, unknown []string) {
	for k, v := range body {
		switch {
		case strings.EqualFold(k, "schemas"):
		case n.isExt(k):
			rest, names, err := n.extKeys(v)
			if err != nil {
				unknown = append(unknown, n.ext)
			}
			ignored = append(ignored, names...)
			for ek := range rest {
				if _, err := rs.Resolve(n.ext + ":" + ek); err != nil {
					unknown = append(unknown, n.ext+":"+ek)
				}
			}
		case n.match(k):
			ignored = append(ignored, k)
		case isSchemaOf(rs, k):
		default:
			if _, err := rs.Resolve(k); err != nil {
				unknown = append(unknown, k)
				continue
			}
			_, names, _ := n.dropSubs(k, v)
			ignored = append(ignored, names...)
		}
	}
	return dedupe(ignored), dedupe(unknown)
}

// isSchemaOf reports whether k is the URN of rs's core schema or of one of its extensions.
func isSchemaOf(rs *scim.ResourceSchema, k string) bool {
	if rs.Core != nil && strings.EqualFold(k, rs.Core.ID) {
		return true
	}
	for _, e := range rs.Extensions {
		if strings.EqualFold(k, e.ID) {
			return true
		}
	}
	return false
}

// logBodyNotStored logs what a POST or PUT body carried that is not stored (inBody).
func (s *Server) logBodyNotStored(r *http.Request, n notStored, body scim.Resource, rs *scim.ResourceSchema) {
	ignored, unknown := n.inBody(body, rs)
	s.logNotStored(r, n.resource, ignored, unknown)
}

// logNotStored writes the one line a request gets when it named attributes that were not
// stored: their names, never their values (a password, a phone number). Debug when they are the
// standard ones identity providers send on every sync; Info when some are unknown to SCIM, which
// is more likely a client's mistake.
func (s *Server) logNotStored(r *http.Request, resource string, ignored, unknown []string) {
	if len(ignored) == 0 && len(unknown) == 0 {
		return
	}
	level := slog.LevelDebug
	if len(unknown) > 0 {
		level = slog.LevelInfo
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("resource", resource),
		slog.Any("ignored", ignored),
	}
	if len(unknown) > 0 {
		attrs = append(attrs, slog.Any("unknown", unknown))
	}
	s.log.LogAttrs(r.Context(), level, "attributes not stored", attrs...)
}

// dedupe sorts names and drops repeats, case-insensitively (keeping the first spelling).
func dedupe(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	out := names[:1]
	for _, s := range names[1:] {
		if !strings.EqualFold(s, out[len(out)-1]) {
			out = append(out, s)
		}
	}
	return out
}

// readPatch reads a PATCH request (RFC 7644 §3.5.2) and drops, before anything is applied, the
// operations on attributes the resource accepts but does not store (n), logging their names.
// What is left may be empty: the caller then answers the resource as it is.
func (s *Server) readPatch(w http.ResponseWriter, r *http.Request, n notStored) ([]scim.PatchOp, error) {
	raw, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	ops, err := scim.ParsePatch(raw)
	if err != nil {
		return nil, err
	}
	ops, ignored, err := n.dropFromPatch(ops)
	if err != nil {
		return nil, err
	}
	s.logNotStored(r, n.resource, ignored, nil)
	return ops, nil
}

// readResourceFor reads a POST or PUT body (one JSON object) for a resource of schema rs, and
// logs the attributes in it that the resource accepts but does not store (n) or does not know.
func (s *Server) readResourceFor(w http.ResponseWriter, r *http.Request, n notStored, rs *scim.ResourceSchema) (scim.Resource, error) {
	body, err := readResource(w, r)
	if err != nil {
		return nil, err
	}
	s.logBodyNotStored(r, n, body, rs)
	return body, nil
}
