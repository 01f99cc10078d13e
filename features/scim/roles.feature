Feature: Roles — the vendor page's table 314 (Get Role, Get Roles)
  A SCIM Role is a Webex role: id ← id, displayName ← name, read-only (design §4.3). The schema is
  the connector's own, urn:scim:schemas:extension:webex:2.0:Role.

  @seed @read-only
  Scenario: Get Roles — GET /Roles lists every Webex role
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.#" as "count"
    And I remember the response JSON at "items.0.id" as "roleId"
    And I remember the response JSON at "items.0.name" as "roleName"
    When I send "GET" to SCIM "/Roles"
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is {count}
    And the response JSON at "Resources.#(id=={roleId}).displayName" is "{roleName}"
    And the response JSON at "Resources.0.schemas" is ["urn:scim:schemas:extension:webex:2.0:Role"]

  @seed @read-only
  Scenario: Get Role — GET /Roles/{id} answers the Webex role
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    And I send "GET" to Webex "/roles/{roleId}"
    And I remember the response JSON at "name" as "roleName"
    When I send "GET" to SCIM "/Roles/{roleId}"
    Then the response status is 200
    And the response JSON at "id" is "{roleId}"
    And the response JSON at "displayName" is "{roleName}"
    And the response JSON at "meta.resourceType" is "Role"
    And the response JSON at "meta.location" matches `/Roles/{roleId}$`

  @read-only
  Scenario: Get Role — an unknown role is 404
    Given I remember an unknown Webex role id as "ghost"
    When I send "GET" to SCIM "/Roles/{ghost}"
    Then the response status is 404
    And the response is a SCIM error

  @read-only
  Scenario: Get Roles — filtered by displayName
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    And I remember the response JSON at "items.0.name" as "roleName"
    When I send "GET" to SCIM "/Roles" with the filter `displayName eq "{roleName}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{roleId}"

  Scenario: Roles are read-only
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    When I send "DELETE" to SCIM "/Roles/{roleId}"
    Then the response status is 405
    And the response is a SCIM error
    When I send "POST" to SCIM "/Roles" with body:
      """
      {"displayName": "{prefix}made up"}
      """
    Then the response status is 405
    And the response is a SCIM error
