Feature: Queries by POST /.search (RFC 7644 §3.4.3) and trailing slashes (issue 16)
  A client whose filter is too long for a URL sends it in a SearchRequest body to /Users/.search,
  /Groups/.search or the root's /.search: the answer is the one GET would give. A path with one
  trailing slash answers as without it.

  Scenario: POST /Users/.search with a 10 KB filter answers the same users as the equivalent GET
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM user "carol" exists
    And I remember a filter of 10 KB matching the userNames "{alice}, {bob}" as "long"
    When I send "GET" to SCIM "/Users?attributes=userName" with the filter `{long}`
    Then the response status is 200
    And eventually the response JSON at "totalResults" is 2
    And I remember the response JSON at "Resources" as "viaGET"
    When I send a SearchRequest to SCIM "/Users/.search" with the filter `{long}` and:
      """
      {"attributes": ["userName"]}
      """
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is 2
    And the response JSON at "Resources" is {viaGET}
    And the response JSON at "Resources.#.userName" contains "{alice}"
    And the response JSON at "Resources.#.userName" contains "{bob}"

  Scenario: POST /Users/.search pages by index and by cursor as GET does
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    When I send "GET" to SCIM "/Users" with the filter `userName sw "{prefix}"`
    Then eventually the response JSON at "totalResults" is 2
    When I send a SearchRequest to SCIM "/Users/.search" with the filter `userName sw "{prefix}"` and:
      """
      {"startIndex": 2, "count": 1}
      """
    Then the response status is 200
    And the response JSON at "totalResults" is 2
    And the response JSON at "startIndex" is 2
    And the response JSON at "itemsPerPage" is 1
    When I send a SearchRequest to SCIM "/Users/.search" with the filter `userName sw "{prefix}"` and:
      """
      {"count": 1, "cursor": ""}
      """
    Then the response status is 200
    And the response JSON at "Resources.#" is 1
    And I remember the response JSON at "nextCursor" as "next"
    When I send a SearchRequest to SCIM "/Users/.search" with the filter `userName sw "{prefix}"` and:
      """
      {"count": 1, "cursor": "{next}"}
      """
    Then the response status is 200
    And the response JSON at "Resources.#" is 1

  @group-kinds
  Scenario: POST /Groups/.search and the root's /.search find the scenario's groups and users
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send a SearchRequest to SCIM "/Groups/.search" with the filter `displayName eq "{prefix}red"` and:
      """
      {"excludedAttributes": ["members"]}
      """
    Then the response status is 200
    And the response JSON at "Resources.#.id" is ["{red.id}"]
    And the response JSON at "Resources.0.members" is absent
    When I send "GET" to SCIM "/Users" with the filter `displayName sw "{prefix}"`
    Then eventually the response JSON at "totalResults" is 1
    When I send a SearchRequest to SCIM "/.search" with the filter `displayName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "Resources.#.id" is ["{alice.id}", "{red.id}"]
    And the response JSON at "Resources.#.meta.resourceType" is ["User", "Group"]
    And the response JSON at "Resources.1.members.#.value" is ["{alice.id}"]
    When I send a SearchRequest to SCIM "/.search" with the filter `members.value eq "{alice.id}"`
    Then the response status is 200
    And the response JSON at "Resources.#.id" is ["{red.id}"]

  Scenario: A SearchRequest that is not one answers 400 naming the problem
    When I send "POST" to SCIM "/Users/.search" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filters": "userName eq \"x\""}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidSyntax" and its detail mentions "filters"
    When I send "POST" to SCIM "/Groups/.search" with body:
      """
      {"filter": "displayName eq \"x\""}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidSyntax" and its detail mentions "SearchRequest"

  @read-only
  Scenario: ServiceProviderConfig says where POST /.search is served
    When I send "GET" to SCIM "/ServiceProviderConfig"
    Then the response status is 200
    And the response JSON at "schemas" contains "urn:scim:schemas:extension:webex:2.0:ServiceProviderConfig"
    And the response JSON at "urn:scim:schemas:extension:webex:2\.0:ServiceProviderConfig.search.supported" is true
    And the response JSON at "urn:scim:schemas:extension:webex:2\.0:ServiceProviderConfig.search.endpoints" is ["/.search", "/Users/.search", "/Groups/.search"]

  Scenario: A trailing slash on a resource path answers as without it
    When I send "POST" to SCIM "/Users/" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}slash@example.com",
       "name": {"givenName": "Slash"}}
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "slash"
    When I send "GET" to SCIM "/Users/{slash}/"
    Then the response status is 200
    And the response JSON at "userName" is "{prefix}slash@example.com"
    When I send "GET" to SCIM "/Users/" with the filter `userName eq "{prefix}slash@example.com"`
    Then the response status is 200
    And eventually the response JSON at "Resources.#.id" is ["{slash}"]
    When I send "DELETE" to SCIM "/Users/{slash}/"
    Then the response status is 204
