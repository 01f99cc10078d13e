package scim

// The message schemas of the query-by-POST and bulk requests (RFC 7644 §3.4.3, §3.7).
const (
	SchemaSearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
	SchemaBulkRequest   = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
	SchemaBulkResponse  = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
)
