Feature: Versions — ETag, If-Match, If-None-Match (RFC 7644 §3.14, design §3.2)
  meta.version is a weak ETag, also sent as the ETag header. A write with If-Match naming an
  old version answers 412 and changes nothing in Webex.

  Background:
    Given a SCIM user "joy" exists with:
      """
      {"displayName": "{prefix}Joy"}
      """
    And I send "GET" to SCIM "/Users/{joy.id}"
    And I remember the response JSON at "meta.version" as "v1"
    And the response header "ETag" is "{v1}"

  Scenario: The version changes when the user changes
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy 2"}]}
      """
    Then the response status is 200
    And the response JSON at "meta.version" matches `^W/"`
    And I remember the response JSON at "meta.version" as "v2"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response JSON at "meta.version" is the remembered "v2"
    And the response JSON at "meta.version" is not the remembered "v1"

  Scenario: PUT with the current version succeeds
    Given I set the request header "If-Match" to "{v1}"
    When I send "PUT" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy}", "displayName": "{prefix}Joy PUT"}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy PUT"

  Scenario: PUT with an old version is 412 and changes nothing
    Given I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy 2"}]}
      """
    And the response status is 200
    And I set the request header "If-Match" to "{v1}"
    When I send "PUT" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy}", "displayName": "{prefix}Joy stale"}
      """
    Then the response status is 412
    And the response is a SCIM error
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy 2"

  Scenario: PATCH with an old version is 412 and changes nothing
    Given I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy 2"}]}
      """
    And the response status is 200
    And I set the request header "If-Match" to "{v1}"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy stale"}]}
      """
    Then the response status is 412
    And the response is a SCIM error
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy 2"

  Scenario: DELETE with an old version is 412 and the person stays
    Given I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy 2"}]}
      """
    And the response status is 200
    And I set the request header "If-Match" to "{v1}"
    When I send "DELETE" to SCIM "/Users/{joy.id}"
    Then the response status is 412
    And the response is a SCIM error
    And Webex holds a person with email "{joy}"

  Scenario: GET with If-None-Match naming the current version is 304
    Given I set the request header "If-None-Match" to "{v1}"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 304
    And the response body is empty

  @group-kinds
  Scenario: A group write with an old version is 412 and the team keeps its members
    Given a SCIM user "kim" exists
    And a SCIM group "red" exists with the members "joy"
    And I send "GET" to SCIM "/Groups/{red.id}"
    And I remember the response JSON at "meta.version" as "g1"
    And I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{kim.id}"}]}]}
      """
    And the response status is 200
    And I set the request header "If-Match" to "{g1}"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members", "value": []}]}
      """
    Then the response status is 412
    And the response is a SCIM error
    And the Webex group "{red.id}" has exactly the members "{joy.id}, {kim.id}" besides the connector's account
