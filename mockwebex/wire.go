package mockwebex

// Wire types: the objects exactly as the API renders them, following the
// official spec's schemas (reference/webex-openapi), except where the spec is
// known wrong (SOURCE.md): invitePending and loginEnabled are JSON booleans,
// and teams carry creatorId.

// PhoneNumber is an entry of Person.phoneNumbers.
type PhoneNumber struct {
	Type    string `json:"type,omitempty"`
	Value   string `json:"value,omitempty"`
	Primary *bool  `json:"primary,omitempty"`
}

// Address is an entry of Person.addresses.
type Address struct {
	Type          string `json:"type,omitempty"`
	Country       string `json:"country,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	StreetAddress string `json:"streetAddress,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
}

// SipAddress is an entry of Person.sipAddresses (read-only).
type SipAddress struct {
	Type    string `json:"type,omitempty"`
	Value   string `json:"value,omitempty"`
	Primary bool   `json:"primary"`
}

// Person is a Webex person (spec schema Person). Fields Webex leaves out when
// unset are omitted rather than empty (design §5).
type Person struct {
	ID                string        `json:"id"`
	Emails            []string      `json:"emails"`
	PhoneNumbers      []PhoneNumber `json:"phoneNumbers,omitempty"`
	Extension         string        `json:"extension,omitempty"`
	LocationID        string        `json:"locationId,omitempty"`
	DisplayName       string        `json:"displayName,omitempty"`
	NickName          string        `json:"nickName,omitempty"`
	FirstName         string        `json:"firstName,omitempty"`
	LastName          string        `json:"lastName,omitempty"`
	Avatar            string        `json:"avatar,omitempty"`
	OrgID             string        `json:"orgId"`
	Roles             []string      `json:"roles,omitempty"`
	Licenses          []string      `json:"licenses,omitempty"`
	Department        string        `json:"department,omitempty"`
	Manager           string        `json:"manager,omitempty"`
	ManagerID         string        `json:"managerId,omitempty"`
	Title             string        `json:"title,omitempty"`
	Addresses         []Address     `json:"addresses,omitempty"`
	Created           string        `json:"created,omitempty"`
	LastModified      string        `json:"lastModified,omitempty"`
	Timezone          string        `json:"timezone,omitempty"`
	LastActivity      string        `json:"lastActivity,omitempty"`
	SiteUrls          []string      `json:"siteUrls,omitempty"`
	SipAddresses      []SipAddress  `json:"sipAddresses,omitempty"`
	XmppFederationJid string        `json:"xmppFederationJid,omitempty"`
	Status            string        `json:"status,omitempty"`
	InvitePending     *bool         `json:"invitePending,omitempty"`
	LoginEnabled      *bool         `json:"loginEnabled,omitempty"`
	Type              string        `json:"type,omitempty"`
}

// Team is a Webex team (spec schema Team, plus creatorId).
type Team struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	CreatorID   string `json:"creatorId,omitempty"`
	Created     string `json:"created,omitempty"`
}

// TeamMembership is a Webex team membership. isModerator is always present.
type TeamMembership struct {
	ID                string `json:"id"`
	TeamID            string `json:"teamId"`
	PersonID          string `json:"personId"`
	PersonEmail       string `json:"personEmail,omitempty"`
	PersonDisplayName string `json:"personDisplayName,omitempty"`
	PersonOrgID       string `json:"personOrgId,omitempty"`
	IsModerator       bool   `json:"isModerator"`
	Created           string `json:"created,omitempty"`
}

// Role is a Webex admin role.
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// LicenseUser is an entry of License.users (includeAssignedTo=user).
type LicenseUser struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	DisplayName string `json:"displayName,omitempty"`
	Email       string `json:"email,omitempty"`
}

// License is a Webex licence (spec schemas License and LicensewithUsers).
type License struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	TotalUnits           int           `json:"totalUnits"`
	ConsumedUnits        int           `json:"consumedUnits"`
	ConsumedByUsers      int           `json:"consumedByUsers"`
	ConsumedByWorkspaces int           `json:"consumedByWorkspaces"`
	SubscriptionID       string        `json:"subscriptionId,omitempty"`
	SiteURL              string        `json:"siteUrl,omitempty"`
	SiteType             string        `json:"siteType,omitempty"`
	Users                []LicenseUser `json:"users,omitempty"`
}

// Organization is the seeded organisation.
type Organization struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Created     string `json:"created,omitempty"`
}

// GroupMember is an entry of Group.members: a person (control-hub-groups-facts
// §1: type is "user"; displayName is the person's).
type GroupMember struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	DisplayName string `json:"displayName,omitempty"`
}

// Group is a Control Hub group (spec schema GroupResponse, plus description,
// which clients model). members is present only when asked for
// (includeMembers, PATCH answers, /members) and, with WX23, left out when the
// group has none; memberSize is always the true count.
type Group struct {
	ID           string        `json:"id"`
	DisplayName  string        `json:"displayName,omitempty"`
	OrgID        string        `json:"orgId,omitempty"`
	Description  string        `json:"description,omitempty"`
	Created      string        `json:"created,omitempty"`
	LastModified string        `json:"lastModified,omitempty"`
	MemberSize   *int          `json:"memberSize,omitempty"`
	Members      []GroupMember `json:"members,omitzero"`
}

// State is a read-only snapshot of the fake, as GET /_mock/state renders it:
// every object exactly as the API would (people as an administrator sees
// them; deleted people left out).
type State struct {
	People        []Person         `json:"people"`
	Teams         []Team           `json:"teams"`
	Memberships   []TeamMembership `json:"memberships"`
	Roles         []Role           `json:"roles"`
	Licenses      []License        `json:"licenses"`
	Organizations []Organization   `json:"organizations"`
	// Groups are the Control Hub groups, each with all its members (no
	// 500 cap; members [] when empty).
	Groups []Group `json:"groups"`
}

type listBody[T any] struct {
	Items       []T      `json:"items"`
	NotFoundIDs []string `json:"notFoundIds,omitzero"` // people lists, when id= was used (WX10)
}
