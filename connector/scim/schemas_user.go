package scim

// UserSchema is the core User schema (RFC 7643 §4.1, §8.7.1) restricted to
// the attributes this product maps to a Webex person (design §4.1), with their
// characteristics as the product actually honours them: name.formatted and
// userType are derived by Webex and therefore readOnly here; phoneNumbers and
// addresses have only the sub-attributes and types Webex holds.
func UserSchema() *Schema {
	return &Schema{
		ID:          SchemaUser,
		Name:        "User",
		Description: "User Account (a Webex person)",
		Attributes: []*Attribute{
			idAttribute(),
			{
				Name: "userName", Type: TypeString, Required: true, CaseExact: false,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Uniqueness: UniquenessServer,
				Description: "Unique identifier for the User; the Webex primary email address. Compared case-insensitively. REQUIRED.",
			},
			{
				Name: "name", Type: TypeComplex,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The components of the user's name.",
				SubAttributes: []*Attribute{
					{
						Name: "formatted", Type: TypeString, Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
						Description: "The full name, 'givenName familyName', derived by the service provider. READ-ONLY.",
					},
					{
						Name: "familyName", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						Description: "The family name of the User (Webex lastName).",
					},
					{
						Name: "givenName", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						Description: "The given name of the User (Webex firstName).",
					},
				},
			},
			{
				Name: "displayName", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The name of the User, suitable for display to end-users.",
			},
			{
				Name: "nickName", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The casual way to address the user.",
			},
			{
				Name: "emails", Type: TypeComplex, MultiValued: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "Email addresses for the user. Webex keeps one address, the userName.",
				SubAttributes: []*Attribute{
					{
						Name: "value", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						Description: "Email address for the user.",
					},
					{
						Name: "type", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						CanonicalValues: []string{"work", "home", "other"},
						Description:     "A label indicating the attribute's function, e.g., 'work' or 'home'.",
					},
					primaryAttribute(),
				},
			},
			{
				Name: "title", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The user's title, such as \"Vice President\" (Webex title).",
			},
			{
				Name: "phoneNumbers", Type: TypeComplex, MultiValued: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "Phone numbers for the User (Webex phoneNumbers). Webex holds work, mobile and fax numbers; an entry without a type is a work number, and entries of other types are not stored.",
				SubAttributes: []*Attribute{
					{
						Name: "value", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						Description: "Phone number of the User.",
					},
					{
						Name: "type", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						CanonicalValues: []string{"work", "mobile", "fax"},
						Description:     "A label indicating the attribute's function: 'work', 'mobile' or 'fax'.",
					},
					primaryAttribute(),
				},
			},
			{
				Name: "addresses", Type: TypeComplex, MultiValued: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "A physical mailing address for this User (Webex addresses). Webex holds work addresses; an entry without a type is a work address, and entries of other types are not stored.",
				SubAttributes: []*Attribute{
					{Name: "streetAddress", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The full street address component."},
					{Name: "locality", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The city or locality component."},
					{Name: "region", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The state or region component."},
					{Name: "postalCode", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The zip code or postal code component."},
					{Name: "country", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The country name component."},
					{
						Name: "type", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						CanonicalValues: []string{"work"},
						Description:     "A label indicating the attribute's function: 'work'.",
					},
				},
			},
			{
				Name: "timezone", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.",
			},
			{
				Name: "active", Type: TypeBoolean, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "Whether the user may sign in (Webex loginEnabled).",
			},
			{
				Name: "userType", Type: TypeString, Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
				Description: "The Webex person type, e.g. 'person', 'bot', 'appuser'. READ-ONLY.",
			},
			valueListAttribute("roles", "A list of roles for the User (Webex role ids, see /Roles)."),
			valueListAttribute("entitlements", "A list of entitlements for the User (Webex licence ids, see /Profiles)."),
			{
				Name: "photos", Type: TypeComplex, MultiValued: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "URLs of photos of the User (Webex avatar).",
				SubAttributes: []*Attribute{
					{
						Name: "value", Type: TypeReference, ReferenceTypes: []string{"external"},
						Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						Description: "URL of a photo of the User.",
					},
					{
						Name: "type", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
						CanonicalValues: []string{"photo", "thumbnail"},
						Description:     "A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.",
					},
					primaryAttribute(),
				},
			},
		},
	}
}

// valueListAttribute is the shape RFC 7643 §4.1.2 gives roles and
// entitlements: value, display, type, primary.
func valueListAttribute(name, description string) *Attribute {
	return &Attribute{
		Name: name, Type: TypeComplex, MultiValued: true,
		Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
		Description: description,
		SubAttributes: []*Attribute{
			{Name: "value", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The value of a " + name + " entry."},
			{Name: "display", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "A human-readable name, primarily used for display purposes."},
			{Name: "type", Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "A label indicating the attribute's function."},
			primaryAttribute(),
		},
	}
}

func primaryAttribute() *Attribute {
	return &Attribute{
		Name: "primary", Type: TypeBoolean, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
		Description: "A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once.",
	}
}

// SchemaEnterpriseUser is the enterprise User extension (RFC 7643 §4.3).
const SchemaEnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

// EnterpriseUserSchema is the enterprise User extension (RFC 7643 §4.3,
// §8.7.1), whole. A service that holds only some of it publishes those and
// can still recognise the rest with this, which identity providers send
// by default ("urn:…:enterprise:2.0:User:employeeNumber",
// fixtures/scim/entra/09 and 10), instead of answering invalidPath.
func EnterpriseUserSchema() *Schema {
	str := func(name, desc string) *Attribute {
		return &Attribute{Name: name, Type: TypeString, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: desc}
	}
	return &Schema{
		ID:          SchemaEnterpriseUser,
		Name:        "EnterpriseUser",
		Description: "Enterprise User",
		Attributes: []*Attribute{
			str("employeeNumber", "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization."),
			str("costCenter", "Identifies the name of a cost center."),
			str("organization", "Identifies the name of an organization."),
			str("division", "Identifies the name of a division."),
			str("department", "Identifies the name of a department."),
			{
				Name: "manager", Type: TypeComplex, Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "The User's manager.",
				SubAttributes: []*Attribute{
					str("value", "The id of the SCIM resource representing the User's manager."),
					{Name: "$ref", Type: TypeReference, ReferenceTypes: []string{"User"}, Mutability: MutabilityReadWrite, Returned: ReturnedDefault, Description: "The URI of the SCIM resource representing the User's manager."},
					{Name: "displayName", Type: TypeString, Mutability: MutabilityReadOnly, Returned: ReturnedDefault, Description: "The displayName of the User's manager. READ-ONLY."},
				},
			},
		},
	}
}
