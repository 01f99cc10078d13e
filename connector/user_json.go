package connector

import (
	"strconv"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// appendUserJSON appends what scim.WriteJSON writes for userFromPerson(p, location), without
// building the map: keys in byte order as encoding/json sorts them, strings escaped by its rules
// (scim.AppendString). version is personVersion(p). Every single-user answer without
// attributes/excludedAttributes is written this way; TestUserJSONIsTheMappedUser holds it to
// userFromPerson for every combination of fields present.
func (s *Server) appendUserJSON(dst []byte, p *webex.Person, location, version string) []byte {
	o := jsonObject{dst: append(dst, '{')}
	if p.LoginEnabled != nil {
		o.key("active")
		o.dst = strconv.AppendBool(o.dst, *p.LoginEnabled)
	}
	o.addresses(p)
	o.stringMember("displayName", p.DisplayName)
	hasEmail := len(p.Emails) > 0 && p.Emails[0] != ""
	if hasEmail {
		o.key("emails")
		o.dst = append(o.dst, `[{"primary":true,"type":"work","value":`...)
		o.dst = scim.AppendString(o.dst, p.Emails[0])
		o.dst = append(o.dst, "}]"...)
	}
	o.valueList("entitlements", p.Licenses)
	o.key("id")
	o.dst = scim.AppendString(o.dst, p.ID)
	o.key("meta")
	m := jsonObject{dst: append(o.dst, '{')}
	if !p.Created.IsZero() {
		m.stringMember("created", s.scimTime(p.Created))
	}
	if !p.LastModified.IsZero() {
		m.stringMember("lastModified", s.scimTime(p.LastModified))
	}
	m.key("location")
	m.dst = scim.AppendString(m.dst, location)
	m.key("resourceType")
	m.dst = append(m.dst, `"User"`...)
	m.stringMember("version", version)
	o.dst = append(m.dst, '}')
	if p.FirstName != "" || p.LastName != "" {
		o.key("name")
		n := jsonObject{dst: append(o.dst, '{')}
		n.stringMember("familyName", p.LastName)
		n.key("formatted")
		n.dst = scim.AppendString(n.dst, strings.TrimSpace(p.FirstName+" "+p.LastName))
		n.stringMember("givenName", p.FirstName)
		o.dst = append(n.dst, '}')
	}
	o.stringMember("nickName", p.NickName)
	o.phoneNumbers(p)
	if p.Avatar != "" {
		o.key("photos")
		o.dst = append(o.dst, `[{"primary":true,"type":"photo","value":`...)
		o.dst = scim.AppendString(o.dst, p.Avatar)
		o.dst = append(o.dst, "}]"...)
	}
	o.valueList("roles", p.Roles)
	hasExt := p.OrgID != "" || p.Status != ""
	o.key("schemas")
	o.dst = append(o.dst, `["`+scim.SchemaUser+`"`...)
	if hasEnterprise(p) {
		o.dst = append(o.dst, `,"`+scim.SchemaEnterpriseUser+`"`...)
	}
	if hasExt {
		o.dst = append(o.dst, `,"`+schemaWebexUser+`"`...)
	}
	o.dst = append(o.dst, ']')
	o.stringMember("timezone", p.Timezone)
	o.stringMember("title", extraString(p, wxTitle))
	o.enterprise(p)
	if hasExt {
		o.key(schemaWebexUser)
		e := jsonObject{dst: append(o.dst, '{')}
		e.stringMember("organization", p.OrgID)
		e.stringMember("status", p.Status)
		o.dst = append(e.dst, '}')
	}
	if hasEmail {
		o.key("userName")
		o.dst = scim.AppendString(o.dst, p.Emails[0])
	}
	o.stringMember("userType", p.Type)
	return append(o.dst, '}')
}

// jsonObject appends the members of one JSON object, the commas between them.
type jsonObject struct {
	dst  []byte
	more bool
}

// key appends a member's name (a constant of this file: nothing to escape) and the colon.
func (o *jsonObject) key(k string) {
	if o.more {
		o.dst = append(o.dst, ',')
	}
	o.more = true
	o.dst = append(o.dst, '"')
	o.dst = append(o.dst, k...)
	o.dst = append(o.dst, '"', ':')
}

// stringMember appends k: v, or nothing for "" (as putString leaves it out).
func (o *jsonObject) stringMember(k, v string) {
	if v != "" {
		o.key(k)
		o.dst = scim.AppendString(o.dst, v)
	}
}

// valueList appends k: [{"value": id}, …], or nothing for no ids (as valueList leaves it out).
func (o *jsonObject) valueList(k string, ids []string) {
	if len(ids) == 0 {
		return
	}
	o.key(k)
	o.dst = append(o.dst, '[')
	for i, id := range ids {
		if i > 0 {
			o.dst = append(o.dst, ',')
		}
		o.dst = append(o.dst, `{"value":`...)
		o.dst = scim.AppendString(o.dst, id)
		o.dst = append(o.dst, '}')
	}
	o.dst = append(o.dst, ']')
}
