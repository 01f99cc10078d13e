@group-kinds
Feature: Bulk (RFC 7644 §3.7)
  POST /Bulk runs many Users and Groups operations in one request, each through the same code as
  the single request it stands for. bulkId references let one request create users and a group
  holding them, in any order; failOnErrors stops the job after that many errors; the answer
  gives every operation that ran its status, location, version and response.

  Scenario: One Bulk request creates three users and a group holding them by bulkId, then PATCHes the group
    When I send "POST" to SCIM "/Bulk" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Groups", "bulkId": "team",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}bulk-team",
                   "members": [{"value": "bulkId:ann"}, {"value": "bulkId:ben"}, {"value": "bulkId:cat"}]}},
         {"method": "POST", "path": "/Users", "bulkId": "ann",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}ann@example.com", "name": {"givenName": "Ann"}}},
         {"method": "POST", "path": "/Users", "bulkId": "ben",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}ben@example.com", "name": {"givenName": "Ben"}}},
         {"method": "POST", "path": "/Users", "bulkId": "cat",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}cat@example.com", "name": {"givenName": "Cat"}}},
         {"method": "PATCH", "path": "/Groups/bulkId:team",
          "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                   "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}bulk-renamed"},
                                  {"op": "remove", "path": "members[value eq \"bulkId:cat\"]"}]}}
       ]}
      """
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"]
    And the response JSON at "Operations.#.status" is ["201", "201", "201", "201", "200"]
    And the response JSON at "Operations.#.bulkId" is ["team", "ann", "ben", "cat"]
    And the response JSON at "Operations.#.method" is ["POST", "POST", "POST", "POST", "PATCH"]
    And the response JSON at "Operations.0.location" matches `/Groups/[^/]+$`
    And the response JSON at "Operations.1.location" matches `/Users/[^/]+$`
    And the response JSON at "Operations.4.version" matches `^W/".+"$`
    And I remember the response JSON at "Operations.0.response.id" as "team"
    And I remember the response JSON at "Operations.1.response.id" as "ann"
    And I remember the response JSON at "Operations.2.response.id" as "ben"
    And I remember the response JSON at "Operations.3.response.id" as "cat"
    And the response JSON at "Operations.4.location" matches `/Groups/{team}$`
    And the response JSON at "Operations.4.response.displayName" is "{prefix}bulk-renamed"
    And Webex holds a person with email "{prefix}ann@example.com"
    And Webex holds a person with email "{prefix}cat@example.com"
    And Webex holds the group "{team}" named "{prefix}bulk-renamed"
    And the Webex group "{team}" has exactly the members "{ann}, {ben}" besides the connector's account

  Scenario: With failOnErrors 1 and a bad second operation, exactly the first is applied and the answer says so
    When I send "POST" to SCIM "/Bulk" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": 1,
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "first",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}first@example.com", "name": {"givenName": "First"}}},
         {"method": "POST", "path": "/Users", "bulkId": "bad",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "name": {"givenName": "No userName"}}},
         {"method": "POST", "path": "/Users", "bulkId": "third",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}third@example.com", "name": {"givenName": "Third"}}}
       ]}
      """
    Then the response status is 200
    And the response JSON at "Operations.#.bulkId" is ["first", "bad"]
    And the response JSON at "Operations.#.status" is ["201", "400"]
    And the response JSON at "Operations.1.response.schemas" is ["urn:ietf:params:scim:api:messages:2.0:Error"]
    And the response JSON at "Operations.1.response.detail" matches `userName`
    And the response JSON at "Operations.1.location" is absent
    And Webex holds a person with email "{prefix}first@example.com"
    And Webex holds no person with email "{prefix}third@example.com"

  Scenario: Without failOnErrors every operation is tried, whatever fails before it
    Given a SCIM user "alice" exists
    When I send "POST" to SCIM "/Bulk" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "PUT", "path": "/Users/{alice.id}", "version": "W/\"stale\"",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{alice}", "displayName": "Not applied"}},
         {"method": "POST", "path": "/Users", "bulkId": "next",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}next@example.com", "name": {"givenName": "Next"}}},
         {"method": "PATCH", "path": "/Users/{alice.id}",
          "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                   "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Patched"}]}}
       ]}
      """
    Then the response status is 200
    And the response JSON at "Operations.#.status" is ["412", "201", "200"]
    And the response JSON at "Operations.0.location" matches `/Users/{alice.id}$`
    And the response JSON at "Operations.2.version" matches `^W/".+"$`
    And Webex holds a person with email "{prefix}next@example.com"
    And Webex holds the person "{alice.id}" whose displayName is "{prefix}Patched"

  Scenario: A circle of bulkId references, an unknown one and one to a failed POST fail with errors that name them
    When I send "POST" to SCIM "/Bulk" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Groups", "bulkId": "a",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}circle", "members": [{"value": "bulkId:b"}]}},
         {"method": "POST", "path": "/Groups", "bulkId": "b",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}circle", "members": [{"value": "bulkId:a"}]}},
         {"method": "DELETE", "path": "/Groups/bulkId:nobody"},
         {"method": "POST", "path": "/Users", "bulkId": "broken", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}},
         {"method": "POST", "path": "/Groups", "bulkId": "c",
          "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}circle", "members": [{"value": "bulkId:broken"}]}}
       ]}
      """
    Then the response status is 200
    And the response JSON at "Operations.#.status" is ["409", "409", "400", "400", "409"]
    And the response JSON at "Operations.0.response.detail" matches `circle of bulkId references`
    And the response JSON at "Operations.2.response.detail" matches `bulkId:nobody`
    And the response JSON at "Operations.4.response.detail" matches `bulkId:broken`
    And Webex holds 0 groups named "{prefix}circle"

  @read-only
  Scenario: ServiceProviderConfig advertises the Bulk limits
    When I send "GET" to SCIM "/ServiceProviderConfig"
    Then the response status is 200
    And the response JSON at "bulk.supported" is true
    And the response JSON at "bulk.maxOperations" is 100
    And the response JSON at "bulk.maxPayloadSize" is 1048576

  Scenario: A Bulk request beyond maxOperations or maxPayloadSize answers 413 naming the limits, and runs nothing
    When I send a Bulk request to SCIM exceeding its maxOperations
    Then the response status is 413
    And the response is a SCIM error
    And the SCIM error's detail mentions "maxOperations is 100"
    And the SCIM error's detail mentions "maxPayloadSize is 1048576"
    When I send a Bulk request to SCIM exceeding its maxPayloadSize
    Then the response status is 413
    And the SCIM error's detail mentions "maxPayloadSize is 1048576"
