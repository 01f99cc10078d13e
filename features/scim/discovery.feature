Feature: Discovery — ServiceProviderConfig, Schemas, ResourceTypes (RFC 7644 §4, RFC 9865 §4)
  What the connector says it supports is what it does: PATCH, filters, ETags, both paging
  methods, bulk (RFC 7644 §3.7) with its limits; no sort, no password change.

  @read-only
  Scenario: ServiceProviderConfig says what the connector supports
    When I send "GET" to SCIM "/ServiceProviderConfig"
    Then the response status is 200
    And the response header "Content-Type" matches `^application/scim\+json`
    And the response JSON at "schemas" contains "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    And the response JSON at "patch.supported" is true
    And the response JSON at "filter.supported" is true
    And the response JSON at "filter.maxResults" is a number
    And the response JSON at "etag.supported" is true
    And the response JSON at "bulk.supported" is true
    And the response JSON at "sort.supported" is false
    And the response JSON at "changePassword.supported" is false
    And the response JSON at "authenticationSchemes.#.type" contains "oauthbearertoken"

  @read-only
  Scenario: ServiceProviderConfig carries the RFC 9865 pagination block
    When I send "GET" to SCIM "/ServiceProviderConfig"
    Then the response status is 200
    And the response JSON at "pagination.cursor" is true
    And the response JSON at "pagination.index" is true
    And the response JSON at "pagination.defaultPaginationMethod" is "index"
    And the response JSON at "pagination.defaultPageSize" is 100
    And the response JSON at "pagination.maxPageSize" is 1000
    And the response JSON at "pagination.cursorTimeout" is at least 1

  @read-only
  Scenario: Schemas lists the core User and Group schemas, the enterprise extension and the Webex extensions
    When I send "GET" to SCIM "/Schemas"
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "Resources.#.id" contains "urn:ietf:params:scim:schemas:core:2.0:User"
    And the response JSON at "Resources.#.id" contains "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    And the response JSON at "Resources.#.id" contains "urn:ietf:params:scim:schemas:core:2.0:Group"
    And the response JSON at "Resources.#.id" contains "urn:scim:schemas:extension:webex:2.0:User"
    And the response JSON at "Resources.#.id" contains "urn:scim:schemas:extension:webex:2.0:Role"
    And the response JSON at "Resources.#.id" contains "urn:scim:schemas:extension:webex:2.0:Profile"

  @read-only
  Scenario: The User schema describes userName as required and unique
    When I send "GET" to SCIM "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"
    Then the response status is 200
    And the response JSON at "id" is "urn:ietf:params:scim:schemas:core:2.0:User"
    And the response JSON at "attributes.#(name==userName).required" is true
    And the response JSON at "attributes.#(name==userName).uniqueness" is "server"
    And the response JSON at "attributes.#(name==userName).caseExact" is false
    And the response JSON at "meta.resourceType" is "Schema"

  @read-only
  Scenario: The User schemas describe what Webex holds: title, phone numbers, work addresses, department and manager
    When I send "GET" to SCIM "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"
    Then the response status is 200
    And the response JSON at "attributes.#(name==title).mutability" is "readWrite"
    And the response JSON at "attributes.#(name==phoneNumbers).subAttributes.#(name==type).canonicalValues" is ["work", "mobile", "fax"]
    And the response JSON at "attributes.#(name==addresses).subAttributes.#(name==type).canonicalValues" is ["work"]
    And the response JSON at "attributes.#(name==externalId)" is absent
    When I send "GET" to SCIM "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    Then the response status is 200
    And the response JSON at "attributes.#.name" is ["department", "manager"]
    And the response JSON at "attributes.#(name==manager).subAttributes.#(name==displayName).mutability" is "readOnly"

  @read-only
  Scenario: The Webex User extension describes organization and status as read-only
    When I send "GET" to SCIM "/Schemas/urn:scim:schemas:extension:webex:2.0:User"
    Then the response status is 200
    And the response JSON at "attributes.#(name==organization).mutability" is "readOnly"
    And the response JSON at "attributes.#(name==status).mutability" is "readOnly"

  @read-only
  Scenario: An unknown schema is 404
    When I send "GET" to SCIM "/Schemas/urn:example:no:such:schema"
    Then the response status is 404
    And the response is a SCIM error

  @read-only
  Scenario: ResourceTypes lists User, Group, Role and Profile with their endpoints
    When I send "GET" to SCIM "/ResourceTypes"
    Then the response status is 200
    And the response JSON at "totalResults" is 4
    And the response JSON at "Resources.#(id==User).endpoint" is "/Users"
    And the response JSON at "Resources.#(id==User).schema" is "urn:ietf:params:scim:schemas:core:2.0:User"
    And the response JSON at "Resources.#(id==User).schemaExtensions.#.schema" is ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:scim:schemas:extension:webex:2.0:User"]
    And the response JSON at "Resources.#(id==User).schemaExtensions.#.required" is [false, false]
    And the response JSON at "Resources.#(id==Group).endpoint" is "/Groups"
    And the response JSON at "Resources.#(id==Role).endpoint" is "/Roles"
    And the response JSON at "Resources.#(id==Profile).endpoint" is "/Profiles"

  @read-only
  Scenario: One resource type by name
    When I send "GET" to SCIM "/ResourceTypes/Group"
    Then the response status is 200
    And the response JSON at "id" is "Group"
    And the response JSON at "schema" is "urn:ietf:params:scim:schemas:core:2.0:Group"
    And the response JSON at "meta.resourceType" is "ResourceType"

  @read-only
  Scenario: Discovery endpoints refuse a filter (RFC 7644 §4)
    When I send "GET" to SCIM "/Schemas" with the filter `id eq "urn:ietf:params:scim:schemas:core:2.0:User"`
    Then the response status is 403
    And the response is a SCIM error

  Scenario: Resource path segments match without regard to case (design §3)
    Given a SCIM user "joy" exists
    When I send "GET" to SCIM "/users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    When I send "GET" to SCIM "/SERVICEPROVIDERCONFIG"
    Then the response status is 200
