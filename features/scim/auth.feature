Feature: Authentication (design §3.1) and the client-credentials token endpoint (design §2)
  Every SCIM path needs "Authorization: Bearer <token>": the static token, or one the connector
  issued at its token endpoint. Missing or wrong: 401 with WWW-Authenticate and a SCIM error.

  Scenario Outline: Without a token, <method> <path> is 401 with a challenge
    When I send "<method>" to SCIM "<path>" without a token
    Then the response status is 401
    And the response header "WWW-Authenticate" matches `^Bearer realm=".+"`
    And the response is a SCIM error

    Examples:
      | method | path                   |
      | GET    | /Users                 |
      | POST   | /Users                 |
      | GET    | /Users/anything        |
      | PATCH  | /Users/anything        |
      | DELETE | /Users/anything        |
      | GET    | /Groups                |
      | PUT    | /Groups/anything       |
      | GET    | /Roles                 |
      | GET    | /Profiles              |
      | GET    | /ServiceProviderConfig |
      | GET    | /Schemas               |
      | GET    | /ResourceTypes         |
      | GET    | /NoSuchEndpoint        |

  @read-only
  Scenario: A wrong token is 401
    When I send "GET" to SCIM "/Users" with the token "not-the-token"
    Then the response status is 401
    And the response header "WWW-Authenticate" matches `^Bearer realm=".+"`
    And the response is a SCIM error

  @read-only
  Scenario: Another scheme than Bearer is 401
    Given I set the request header "Authorization" to "Basic Y2xpZW50OnNlY3JldA=="
    When I send "GET" to SCIM "/Users" without a token
    Then the response status is 401
    And the response is a SCIM error

  Scenario: A create with a wrong token creates nothing in Webex
    When I send "POST" to SCIM "/Users" with the token "not-the-token" and body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}intruder@example.com", "displayName": "Intruder"}
      """
    Then the response status is 401
    And Webex holds no person with email "{prefix}intruder@example.com"

  @client-credentials
  Scenario: The token endpoint issues a bearer token for the client's id and secret
    When I send "POST" to SCIM "{scim.tokenURL}" with the form:
      | grant_type    | client_credentials  |
      | client_id     | {scim.clientId}     |
      | client_secret | {scim.clientSecret} |
    Then the response status is 200
    And the response JSON at "token_type" matches `^(?i)bearer$`
    And the response JSON at "expires_in" is at least 1
    And the response header "Cache-Control" is "no-store"
    And I remember the response JSON at "access_token" as "issued"
    When I send "GET" to SCIM "/Users?count=1" with the token "{issued}"
    Then the response status is 200

  @client-credentials
  Scenario: The token endpoint refuses a wrong secret (RFC 6749 §5.2)
    When I send "POST" to SCIM "{scim.tokenURL}" with the form:
      | grant_type    | client_credentials |
      | client_id     | {scim.clientId}    |
      | client_secret | wrong              |
    Then the response status is 401
    And the response JSON at "error" is "invalid_client"

  @client-credentials
  Scenario: The token endpoint serves only the client-credentials grant
    When I send "POST" to SCIM "{scim.tokenURL}" with the form:
      | grant_type    | password            |
      | client_id     | {scim.clientId}     |
      | client_secret | {scim.clientSecret} |
    Then the response status is 400
    And the response JSON at "error" is "unsupported_grant_type"
