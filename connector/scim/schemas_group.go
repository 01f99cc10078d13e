package scim

// GroupSchema is the core Group schema (RFC 7643 §4.2, §8.7.1) as this product
// maps it to a Webex team (design §4.2). members.display is the Webex
// membership's personDisplayName, so it is readOnly here; members.value and
// members.type are immutable as in the RFC (a member is added or removed, never
// re-pointed).
func GroupSchema() *Schema {
	return &Schema{
		ID:          SchemaGroup,
		Name:        "Group",
		Description: "Group (a Webex team)",
		Attributes: []*Attribute{
			idAttribute(),
			{
				Name: "displayName", Type: TypeString, Required: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "A human-readable name for the Group (the Webex team name). REQUIRED. Not unique: Webex allows duplicate team names.",
			},
			{
				Name: "members", Type: TypeComplex, MultiValued: true,
				Mutability: MutabilityReadWrite, Returned: ReturnedDefault,
				Description: "A list of members of the Group (Webex team memberships; people only).",
				SubAttributes: []*Attribute{
					{
						Name: "value", Type: TypeString, CaseExact: true,
						Mutability: MutabilityImmutable, Returned: ReturnedDefault,
						Description: "Identifier of the member of this Group (the User id).",
					},
					{
						Name: "display", Type: TypeString, Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
						Description: "The member's display name. READ-ONLY.",
					},
					{
						Name: "$ref", Type: TypeReference, ReferenceTypes: []string{"User", "Group"},
						Mutability: MutabilityReadOnly, Returned: ReturnedDefault,
						Description: "The URI of the member resource. READ-ONLY.",
					},
					{
						Name: "type", Type: TypeString, CanonicalValues: []string{"User"},
						Mutability: MutabilityImmutable, Returned: ReturnedDefault,
						Description: "The type of the member: always 'User' (Webex groups hold people only; another type is 400).",
					},
				},
			},
		},
	}
}
