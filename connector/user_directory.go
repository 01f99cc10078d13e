package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// The directory fields of a Webex person (people API: title, department, manager/managerId,
// phoneNumbers, addresses) ↔ the User's title, phoneNumbers, addresses and the enterprise
// extension's department and manager (design §4.1, issue 11). webex.Person keeps them verbatim in
// Extra, so a PUT carries them back unchanged when SCIM did not change them (WX08) and the
// version hash sees them as Webex sent them; they are read here with gjson and written back only
// when their value differs from what Webex holds, so a request that changes nothing sends the
// person back byte for byte (personUnchanged).

// Webex's names of the directory fields.
const (
	wxTitle        = "title"
	wxDepartment   = "department"
	wxManager      = "manager"
	wxManagerID    = "managerId"
	wxPhoneNumbers = "phoneNumbers"
	wxAddresses    = "addresses"
)

// phoneTypes are the phone number types Webex holds and SCIM maps (people API Person schema:
// work, work_extension, mobile, fax). work_extension is Webex Calling's extension, derived from
// the person's extension, which the people API refuses to take as a phone number: it is neither
// shown nor sent.
var phoneTypes = [...]string{"work", "mobile", "fax"}

// addressType is the one address type the connector maps.
const addressType = "work"

// wxPhone is an entry of Webex phoneNumbers, in the order and form Webex writes it.
type wxPhone struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Primary bool   `json:"primary,omitempty"`
}

// wxAddress is an entry of Webex addresses.
type wxAddress struct {
	Type          string `json:"type"`
	StreetAddress string `json:"streetAddress,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
	Country       string `json:"country,omitempty"`
}

// addressFields are wxAddress's fields by SCIM (and Webex) sub-attribute name, in the byte order
// encoding/json writes a map's keys.
func (a *wxAddress) fields() [5]struct {
	name string
	v    *string
} {
	return [5]struct {
		name string
		v    *string
	}{{"country", &a.Country}, {"locality", &a.Locality}, {"postalCode", &a.PostalCode}, {"region", &a.Region}, {"streetAddress", &a.StreetAddress}}
}

// extraString reads a string member of Extra; "" when absent or not a string.
func extraString(p *webex.Person, key string) string {
	raw, ok := p.Extra[key]
	if !ok {
		return ""
	}
	r := gjson.ParseBytes(raw)
	if r.Type != gjson.String {
		return ""
	}
	return r.Str
}

// heldPhones are the phone numbers Webex holds of the mapped types, in Webex's order.
func heldPhones(p *webex.Person) []wxPhone {
	raw, ok := p.Extra[wxPhoneNumbers]
	if !ok {
		return nil
	}
	var out []wxPhone
	gjson.ParseBytes(raw).ForEach(func(_, e gjson.Result) bool {
		t, v := e.Get("type"), e.Get("value")
		if t.Type != gjson.String || v.Type != gjson.String || v.Str == "" || !isPhoneType(t.Str) {
			return true
		}
		out = append(out, wxPhone{Type: t.Str, Value: v.Str, Primary: e.Get("primary").Type == gjson.True})
		return true
	})
	return out
}

func isPhoneType(t string) bool {
	for _, pt := range phoneTypes {
		if t == pt {
			return true
		}
	}
	return false
}

// heldAddresses are the work addresses Webex holds, in Webex's order.
func heldAddresses(p *webex.Person) []wxAddress {
	raw, ok := p.Extra[wxAddresses]
	if !ok {
		return nil
	}
	var out []wxAddress
	gjson.ParseBytes(raw).ForEach(func(_, e gjson.Result) bool {
		if !e.IsObject() || e.Get("type").String() != addressType {
			return true
		}
		a := wxAddress{Type: addressType}
		empty := true
		for _, f := range a.fields() {
			if v := e.Get(f.name); v.Type == gjson.String && v.Str != "" {
				*f.v, empty = v.Str, false
			}
		}
		if !empty {
			out = append(out, a)
		}
		return true
	})
	return out
}

// putDirectory adds what Webex holds of the directory fields to res (userFromPerson).
func putDirectory(res scim.Resource, p *webex.Person) {
	putString(res, "title", extraString(p, wxTitle))
	if phones := heldPhones(p); len(phones) > 0 {
		l := make([]any, len(phones))
		for i, ph := range phones {
			m := make(map[string]any, 3)
			m["type"], m["value"] = ph.Type, ph.Value
			if ph.Primary {
				m["primary"] = true
			}
			l[i] = m
		}
		res["phoneNumbers"] = l
	}
	if addrs := heldAddresses(p); len(addrs) > 0 {
		l := make([]any, len(addrs))
		for i := range addrs {
			m := make(map[string]any, 6)
			m["type"] = addressType
			for _, f := range addrs[i].fields() {
				putString(m, f.name, *f.v)
			}
			l[i] = m
		}
		res["addresses"] = l
	}
	if ext := enterpriseExt(p); ext != nil {
		res[scim.SchemaEnterpriseUser] = ext
	}
}

// enterpriseExt is the enterprise extension's object for p: department and manager; nil when
// Webex holds neither. A manager is shown only with its id (Webex managerId): Webex's manager
// field alone is free text, with no user to point at.
func enterpriseExt(p *webex.Person) map[string]any {
	dept, mid := extraString(p, wxDepartment), extraString(p, wxManagerID)
	if dept == "" && mid == "" {
		return nil
	}
	ext := make(map[string]any, 2)
	putString(ext, "department", dept)
	if mid != "" {
		m := make(map[string]any, 2)
		m["value"] = mid
		putString(m, "displayName", extraString(p, wxManager))
		ext["manager"] = m
	}
	return ext
}

// phoneNumbers, addresses and enterprise are putDirectory for appendUserJSON, each called where
// its member sorts: each writes what scim.WriteJSON writes for putDirectory's values.

// phoneNumbers appends "phoneNumbers" (it sorts after "nickName").
func (o *jsonObject) phoneNumbers(p *webex.Person) {
	phones := heldPhones(p)
	if len(phones) == 0 {
		return
	}
	o.key("phoneNumbers")
	o.dst = append(o.dst, '[')
	for i, ph := range phones {
		if i > 0 {
			o.dst = append(o.dst, ',')
		}
		e := jsonObject{dst: append(o.dst, '{')}
		if ph.Primary {
			e.key("primary")
			e.dst = append(e.dst, "true"...)
		}
		e.stringMember("type", ph.Type)
		e.key("value")
		e.dst = scim.AppendString(e.dst, ph.Value)
		o.dst = append(e.dst, '}')
	}
	o.dst = append(o.dst, ']')
}

// addresses appends "addresses" (it sorts after "active").
func (o *jsonObject) addresses(p *webex.Person) {
	addrs := heldAddresses(p)
	if len(addrs) == 0 {
		return
	}
	o.key("addresses")
	o.dst = append(o.dst, '[')
	for i := range addrs {
		if i > 0 {
			o.dst = append(o.dst, ',')
		}
		e := jsonObject{dst: append(o.dst, '{')}
		for _, f := range addrs[i].fields() {
			e.stringMember(f.name, *f.v)
		}
		e.stringMember("type", addressType)
		o.dst = append(e.dst, '}')
	}
	o.dst = append(o.dst, ']')
}

// enterprise appends the enterprise extension's member (it sorts after "title").
func (o *jsonObject) enterprise(p *webex.Person) {
	dept, mid := extraString(p, wxDepartment), extraString(p, wxManagerID)
	if dept == "" && mid == "" {
		return
	}
	o.key(scim.SchemaEnterpriseUser)
	e := jsonObject{dst: append(o.dst, '{')}
	e.stringMember("department", dept)
	if mid != "" {
		e.key("manager")
		m := jsonObject{dst: append(e.dst, '{')}
		m.stringMember("displayName", extraString(p, wxManager))
		m.key("value")
		m.dst = scim.AppendString(m.dst, mid)
		e.dst = append(m.dst, '}')
	}
	o.dst = append(e.dst, '}')
}

// hasEnterprise reports whether p's User lists the enterprise extension in schemas.
func hasEnterprise(p *webex.Person) bool {
	return extraString(p, wxDepartment) != "" || extraString(p, wxManagerID) != ""
}

// directoryFromUser sets the directory fields of p (a copy of the person Webex holds, or a new
// one) from the SCIM body, by mode as personFromUser does for the other attributes, except that
// a PUT that leaves one out keeps it as Webex has it ("not asserted", RFC 7644 §3.5.1), as for
// roles: an identity provider that does not manage titles must not strip them from everyone it
// updates. null, "" and [] clear. A field whose value is what Webex holds is left as Webex sent it.
func directoryFromUser(body scim.Resource, p *webex.Person, mode userMode) error {
	set := func(key string, present bool, v any, same bool) error {
		switch {
		case !present && mode == modeReplace, same:
			return nil
		case v == nil:
			if _, ok := p.Extra[key]; ok {
				p.Extra = maps.Clone(p.Extra)
				delete(p.Extra, key)
			}
			return nil
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		p.Extra = maps.Clone(p.Extra)
		if p.Extra == nil {
			p.Extra = map[string]json.RawMessage{}
		}
		p.Extra[key] = b
		return nil
	}
	str := func(m map[string]any, name, key string) error {
		_, present := lookupFold(m, name)
		s, err := stringAttr(m, name)
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		var val any
		if s != "" {
			val = s
		}
		return set(key, present, val, s == extraString(p, key))
	}
	if err := str(body, "title", wxTitle); err != nil {
		return err
	}

	v, present := lookupFold(body, "phoneNumbers")
	phones, err := phonesFromUser(v)
	if err != nil {
		return err
	}
	held := heldPhones(p)
	if err := set(wxPhoneNumbers, present, listOrNil(keepUnmapped(p, wxPhoneNumbers, phones)), slices.Equal(phones, held)); err != nil {
		return err
	}

	v, present = lookupFold(body, "addresses")
	addrs, err := addressesFromUser(v)
	if err != nil {
		return err
	}
	if err := set(wxAddresses, present, listOrNil(keepUnmapped(p, wxAddresses, addrs)), slices.Equal(addrs, heldAddresses(p))); err != nil {
		return err
	}

	ext := map[string]any{}
	extV, extPresent := lookupFold(body, scim.SchemaEnterpriseUser)
	if extPresent && extV != nil {
		m, ok := extV.(map[string]any)
		if !ok {
			return invalidValue("%s must be an object", scim.SchemaEnterpriseUser)
		}
		ext = m
	}
	// A PUT without the extension object asserts none of it; one with the object asserts what
	// it holds, as attributes of the body itself would.
	deptPresent := extPresent
	if extV != nil {
		_, deptPresent = lookupFold(ext, "department")
	}
	dept, err := stringAttr(ext, "department")
	if err != nil {
		return invalidValue("%s:department must be a string", scim.SchemaEnterpriseUser)
	}
	dept = strings.TrimSpace(dept)
	var deptV any
	if dept != "" {
		deptV = dept
	}
	if err := set(wxDepartment, deptPresent, deptV, dept == extraString(p, wxDepartment)); err != nil {
		return err
	}

	mgrV, mgrPresent := lookupFold(ext, "manager")
	if extV == nil {
		mgrPresent = extPresent
	}
	mid, err := managerID(mgrV)
	if err != nil {
		return err
	}
	if mid != extraString(p, wxManagerID) && (mgrPresent || mode != modeReplace) {
		// The manager's name is Webex's manager field: resolveManager fills it in, or clears it
		// with the id.
		var midV any
		if mid != "" {
			midV = mid
		}
		if err := set(wxManagerID, true, midV, false); err != nil {
			return err
		}
		if err := set(wxManager, true, nil, false); err != nil {
			return err
		}
	}
	return nil
}

// managerID reads manager.value: an object with value, or a bare string (Entra sends the
// manager's id as the value itself).
func managerID(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(v), nil
	case map[string]any:
		s, err := stringAttr(v, "value")
		if err != nil {
			return "", invalidValue("%s:manager.value must be a string", scim.SchemaEnterpriseUser)
		}
		return strings.TrimSpace(s), nil
	}
	return "", invalidValue("%s:manager must be an object with a value", scim.SchemaEnterpriseUser)
}

// phonesFromUser reads SCIM phoneNumbers as the Webex entries it maps to: work, mobile and fax
// numbers (an entry without a type is a work number), in order, without empty values and
// repeats. Entries of other types (home, pager, other) are not stored: Webex has no field for
// them (doc.go).
func phonesFromUser(v any) ([]wxPhone, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, invalidValue("phoneNumbers must be an array of objects with a value")
	}
	var out []wxPhone
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, invalidValue("phoneNumbers must be an array of objects with a value")
		}
		val, err := stringAttr(m, "value")
		if err != nil {
			return nil, invalidValue("phoneNumbers[].value must be a string")
		}
		typ, err := stringAttr(m, "type")
		if err != nil {
			return nil, invalidValue("phoneNumbers[].type must be a string")
		}
		primary := false
		if pv, ok := lookupFold(m, "primary"); ok && pv != nil {
			if primary, err = boolValue("phoneNumbers[].primary", pv); err != nil {
				return nil, err
			}
		}
		typ = strings.ToLower(strings.TrimSpace(typ))
		if typ == "" {
			typ = "work"
		}
		ph := wxPhone{Type: typ, Value: strings.TrimSpace(val), Primary: primary}
		if ph.Value == "" || !isPhoneType(typ) || containsPhone(out, ph) {
			continue
		}
		out = append(out, ph)
	}
	return out, nil
}

func containsPhone(l []wxPhone, ph wxPhone) bool {
	for _, e := range l {
		if e.Type == ph.Type && e.Value == ph.Value {
			return true
		}
	}
	return false
}

// addressesFromUser reads SCIM addresses as Webex work addresses (an entry without a type is a
// work address). Entries of other types, and formatted and primary, are not stored.
func addressesFromUser(v any) ([]wxAddress, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, invalidValue("addresses must be an array of objects")
	}
	var out []wxAddress
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, invalidValue("addresses must be an array of objects")
		}
		typ, err := stringAttr(m, "type")
		if err != nil {
			return nil, invalidValue("addresses[].type must be a string")
		}
		if typ = strings.ToLower(strings.TrimSpace(typ)); typ != "" && typ != addressType {
			continue
		}
		a := wxAddress{Type: addressType}
		empty := true
		for _, f := range a.fields() {
			s, err := stringAttr(m, f.name)
			if err != nil {
				return nil, invalidValue("addresses[].%s must be a string", f.name)
			}
			if *f.v = strings.TrimSpace(s); *f.v != "" {
				empty = false
			}
		}
		if !empty {
			out = append(out, a)
		}
	}
	return out, nil
}

// keepUnmapped is the list to send for key: the entries SCIM maps (mapped), then those Webex
// holds that SCIM does not show and that Webex takes back (addresses of other types; not
// work_extension phone numbers, which Webex derives from the extension).
func keepUnmapped[T any](p *webex.Person, key string, mapped []T) []any {
	out := make([]any, 0, len(mapped))
	for _, e := range mapped {
		out = append(out, e)
	}
	if key != wxAddresses {
		return out
	}
	raw, ok := p.Extra[key]
	if !ok {
		return out
	}
	gjson.ParseBytes(raw).ForEach(func(_, e gjson.Result) bool {
		if e.IsObject() && e.Get("type").String() != addressType {
			out = append(out, json.RawMessage(e.Raw))
		}
		return true
	})
	return out
}

// listOrNil is nil for an empty list: the field is then left out of the PUT, which clears it
// (WX08).
func listOrNil(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

// extraEqual reports whether two Extra maps hold the same members, byte for byte.
func extraEqual(a, b map[string]json.RawMessage) bool {
	return maps.EqualFunc(a, b, func(x, y json.RawMessage) bool { return bytes.Equal(x, y) })
}

// directoryMembers is at most how many members putDirectory adds (for sizing the map).
func directoryMembers(p *webex.Person) int {
	n := 0
	for _, k := range [...]string{wxTitle, wxPhoneNumbers, wxAddresses} {
		if _, ok := p.Extra[k]; ok {
			n++
		}
	}
	if hasEnterprise(p) {
		n++
	}
	return n
}

// resolveManager checks a manager directoryFromUser set (want's managerId, when it is not the one
// cur holds; cur is nil on create) and fills in Webex's manager field with the manager's
// displayName, which the User reads back as manager.displayName (RFC 7643 §4.3: readOnly). A
// manager.value that is no Webex person is 400 invalidValue: Webex would keep an id that points
// nowhere.
func (s *Server) resolveManager(ctx context.Context, want, cur *webex.Person) error {
	mid := extraString(want, wxManagerID)
	if mid == "" || (cur != nil && mid == extraString(cur, wxManagerID)) {
		return nil
	}
	m, err := s.webex.GetPerson(ctx, mid)
	if webexStatus(err) == http.StatusNotFound || webexStatus(err) == http.StatusBadRequest {
		return invalidValue("%s:manager.value %q is not a user", scim.SchemaEnterpriseUser, mid)
	}
	if err != nil {
		return err
	}
	want.Extra = maps.Clone(want.Extra)
	delete(want.Extra, wxManager)
	if m.DisplayName != "" {
		b, err := json.Marshal(m.DisplayName)
		if err != nil {
			return err
		}
		want.Extra[wxManager] = b
	}
	return nil
}

// managerAsObject rewrites a manager given as a bare string in a PATCH value into {"value": …}:
// Entra sends the manager's id as the value of the manager path itself, and the enterprise
// extension defines manager as complex (RFC 7643 §4.3), which scim.ApplyPatch holds it to.
func managerAsObject(ops []scim.PatchOp) []scim.PatchOp {
	qualified := scim.SchemaEnterpriseUser + ":manager"
	wrap := func(v any) any {
		if s, ok := v.(string); ok {
			return map[string]any{"value": s}
		}
		return v
	}
	for i, op := range ops {
		switch {
		case strings.EqualFold(op.Path, qualified):
			ops[i].Value = wrap(op.Value)
		case op.Path == "" || strings.EqualFold(op.Path, scim.SchemaEnterpriseUser):
			m, ok := op.Value.(map[string]any)
			if !ok {
				continue
			}
			c := maps.Clone(m)
			for k, v := range m {
				switch {
				case strings.EqualFold(k, qualified), op.Path != "" && strings.EqualFold(k, "manager"):
					c[k] = wrap(v)
				case op.Path == "" && strings.EqualFold(k, scim.SchemaEnterpriseUser):
					if inner, ok := v.(map[string]any); ok {
						ic := maps.Clone(inner)
						for ik, iv := range inner {
							if strings.EqualFold(ik, "manager") {
								ic[ik] = wrap(iv)
							}
						}
						c[k] = ic
					}
				}
			}
			ops[i].Value = c
		}
	}
	return ops
}
