package connector

import "github.com/webex-scim/webex-scim/connector/scim"

// The connector's own schemas (design §4.1, §4.3, §4.4), published in /Schemas.
const (
	schemaWebexUser    = "urn:scim:schemas:extension:webex:2.0:User"
	schemaWebexRole    = "urn:scim:schemas:extension:webex:2.0:Role"
	schemaWebexProfile = "urn:scim:schemas:extension:webex:2.0:Profile"
)

// webexUserSchema is the User extension: the Webex fields with no core attribute (vendor page
// table 316, "userExtension"). Both are Webex's own and read-only.
func webexUserSchema() *scim.Schema {
	return &scim.Schema{
		ID:          schemaWebexUser,
		Name:        "WebexUser",
		Description: "Webex person attributes with no SCIM core equivalent",
		Attributes: []*scim.Attribute{
			{
				Name: "organization", Type: scim.TypeString, CaseExact: true,
				Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedDefault,
				Description: "The Webex organization id of the person (Webex orgId). READ-ONLY.",
			},
			{
				Name: "status", Type: scim.TypeString, CaseExact: true,
				Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedDefault,
				CanonicalValues: []string{"active", "inactive", "OutOfOffice", "DoNotDisturb", "meeting", "presenting", "call", "pending", "unknown"},
				Description:     "The Webex presence status of the person (Webex status; 'pending' until the person first signs in). READ-ONLY.",
			},
		},
	}
}

// enterpriseUserSchema is the part of the enterprise User extension (RFC 7643 §4.3) that Webex
// holds: department (Webex department) and manager (Webex managerId, with the manager's name read
// back as manager.displayName). The rest (employeeNumber, costCenter, organization, division,
// manager.$ref) is accepted and not stored (not_stored.go), so it is not published.
func enterpriseUserSchema() *scim.Schema {
	full := scim.EnterpriseUserSchema()
	out := &scim.Schema{ID: full.ID, Name: full.Name, Description: "Enterprise User: the attributes Webex holds (department, manager)"}
	for _, a := range full.Attributes {
		switch a.Name {
		case "department":
			c := *a
			c.Description = "Identifies the name of a department (Webex department)."
			out.Attributes = append(out.Attributes, &c)
		case "manager":
			c := *a
			c.Description = "The User's manager (Webex managerId). value is the manager's id; displayName is read back from Webex."
			c.SubAttributes = nil
			for _, sub := range a.SubAttributes {
				if sub.Name != "$ref" {
					c.SubAttributes = append(c.SubAttributes, sub)
				}
			}
			out.Attributes = append(out.Attributes, &c)
		}
	}
	return out
}

// userResourceSchema is the full shape of a SCIM User here: core User plus the enterprise
// extension (what Webex holds of it) and the Webex extension.
func userResourceSchema() *scim.ResourceSchema {
	return &scim.ResourceSchema{Core: userSchema(), Extensions: []*scim.Schema{enterpriseUserSchema(), webexUserSchema()}}
}

// userSchema is the core User as Webex holds it: RFC 7643 §4.1's characteristics where Webex
// keeps what is written, and where it does not, what it does instead (issue 16: every
// characteristic published is checked against the connector, schema_characteristics_test.go).
func userSchema() *scim.Schema {
	u := scim.UserSchema()
	for _, a := range u.Attributes {
		switch a.Name {
		case "nickName":
			// WX08: Webex sets nickName to firstName on every write; a value sent is accepted
			// and not stored (not_stored.go), as for any readOnly attribute (RFC 7644 §3.5.1).
			a.Mutability = scim.MutabilityReadOnly
			a.Description = "The casual way to address the user. READ-ONLY: Webex sets it to the first name (name.givenName) on every write (WX08); a value sent is accepted and not stored."
		case "emails":
			// Webex keeps one address, the userName, answered as the primary work address.
			restrictType(a, "work", "Always 'work': Webex keeps one address, the userName, as the work address; another type is 400.")
		case "photos":
			// Webex keeps one avatar and no type.
			restrictType(a, "photo", "Always 'photo': Webex keeps one avatar and no type, so a value sent with another type is stored as the avatar and answered as 'photo'.")
		}
	}
	return u
}

// restrictType publishes the one type value Webex holds for a multi-valued attribute.
func restrictType(a *scim.Attribute, only, description string) {
	for _, sub := range a.SubAttributes {
		if sub.Name == "type" {
			sub.CanonicalValues = []string{only}
			sub.Description = description
		}
	}
}

// roleSchema describes a Webex admin role (design §4.3). Everything is read-only: Webex roles are
// fixed by Cisco.
func roleSchema() *scim.Schema {
	return &scim.Schema{
		ID:          schemaWebexRole,
		Name:        "Role",
		Description: "A Webex administrator role (read-only); assign it with User roles[].value",
		Attributes: []*scim.Attribute{
			readOnlyID(),
			{
				Name: "displayName", Type: scim.TypeString,
				Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedDefault,
				Description: "The role's name (Webex role name). READ-ONLY.",
			},
		},
	}
}

// profileSchema describes a Webex licence (design §4.4), read-only.
func profileSchema() *scim.Schema {
	counter := func(name, desc string) *scim.Attribute {
		return &scim.Attribute{
			Name: name, Type: scim.TypeInteger,
			Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedDefault,
			Description: desc + " READ-ONLY.",
		}
	}
	str := func(name, desc string) *scim.Attribute {
		return &scim.Attribute{
			Name: name, Type: scim.TypeString, CaseExact: true,
			Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedDefault,
			Description: desc + " READ-ONLY.",
		}
	}
	dn := str("displayName", "The licence's name (Webex licence name).")
	dn.CaseExact = false
	return &scim.Schema{
		ID:          schemaWebexProfile,
		Name:        "Profile",
		Description: "A Webex licence (read-only); assign it with User entitlements[].value",
		Attributes: []*scim.Attribute{
			readOnlyID(),
			dn,
			counter("totalUnits", "Total units of the licence."),
			counter("consumedUnits", "Units in use."),
			counter("consumedByUsers", "Units used by people."),
			counter("consumedByWorkspaces", "Units used by workspaces."),
			str("subscriptionId", "The subscription the licence belongs to."),
			str("siteUrl", "The Webex site of a meetings licence."),
			str("siteType", "The type of that site."),
		},
	}
}

func readOnlyID() *scim.Attribute {
	return &scim.Attribute{
		Name: "id", Type: scim.TypeString, CaseExact: true,
		Mutability: scim.MutabilityReadOnly, Returned: scim.ReturnedAlways, Uniqueness: scim.UniquenessServer,
		Description: "The Webex id. READ-ONLY.",
	}
}

// resourceTypes are the resource types this server serves (RFC 7643 §6).
func (s *Server) resourceTypes() []scim.ResourceType {
	return []scim.ResourceType{
		{
			ID: "User", Name: "User", Endpoint: "/Users", Schema: scim.SchemaUser,
			Description: "A Webex person",
			Extensions: []scim.SchemaExtension{
				{Schema: scim.SchemaEnterpriseUser, Required: false},
				{Schema: schemaWebexUser, Required: false},
			},
		},
		s.groupStore.resourceType(),
		{
			ID: "Role", Name: "Role", Endpoint: "/Roles", Schema: schemaWebexRole,
			Description: "A Webex administrator role (read-only)",
		},
		{
			ID: "Profile", Name: "Profile", Endpoint: "/Profiles", Schema: schemaWebexProfile,
			Description: "A Webex licence (read-only)",
		},
	}
}

// schemas are every schema this server publishes in /Schemas (RFC 7643 §7). The discovery
// schemas themselves are not listed: RFC 7644 §4 leaves that to the provider, and clients only
// read the resource schemas.
func (s *Server) schemas() []*scim.Schema {
	out := []*scim.Schema{s.users.Core}
	out = append(out, s.users.Extensions...)
	return append(out, s.groups.Core, s.roles.Core, s.profiles.Core)
}
