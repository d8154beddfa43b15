package dev.webhooks.domain.event;

/** The example payloads from the specification, copied verbatim so the tests do no I/O. */
final class EventExamples {

    /** Copy of spec/examples/cloudevent-app-created.qlik-dev.json. */
    static final String CLOUDEVENT_APP_CREATED = """
            {
              "id": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "data": {
                "id": "c35f4b70-3ce4-4a30-b62b-2aef16943bc4",
                "name": "string",
                "size": {
                  "file": 42,
                  "memory": 42
                },
                "owner": "string",
                "custom": {},
                "ownerId": "string",
                "spaceId": "c35f4b70-3ce4-4a30-b62b-2aef16943bc4",
                "published": true,
                "thumbnail": "string",
                "createdDate": "2018-10-30T07:06:22Z",
                "description": "string",
                "originAppId": "c35f4b70-3ce4-4a30-b62b-2aef16943bc4",
                "publishTime": "2018-10-30T07:06:22Z",
                "dynamicColor": "string",
                "modifiedDate": "2018-10-30T07:06:22Z",
                "resourceType": "string",
                "_resourcetype": "string",
                "lastReloadTime": "2018-10-30T07:06:22Z",
                "hasSectionAccess": true,
                "isDirectQueryMode": true
              },
              "host": "id",
              "time": "2022-10-30T07:06:22Z",
              "type": "com.qlik.app.created",
              "reason": "publishreplace",
              "source": "com.qlik/engine",
              "userid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "ownerid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "spaceid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "authtype": "service_account",
              "clientid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "tenantid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "sessionid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76",
              "authclaims": "{\\"iss\\":\\"02_Open_App_V1\\", \\"sub\\":\\"7eddf8df-ce4f-4b94-9388-8d9e21b9ed75\\", \\"subType\\":\\"api-key\\"}",
              "specversion": "1.0",
              "datacontenttype": "application/json",
              "toplevelresourceid": "ccb149fb-e2dd-420b-8d9f-e6aacb95eb76"
            }
            """;

    /** Copy of spec/examples/cloudevent-reload-finished.qlik-dev.json. */
    static final String CLOUDEVENT_RELOAD_FINISHED = """
            {
              "id": "b347fd0d-1321-417f-91ee-90e96c76389c",
              "host": "qlik.example.com",
              "time": "2018-10-30T07:06:22Z",
              "type": "com.qlik.v1.reload.finished",
              "source": "com.qlik/reloads",
              "ownerid": "5be59decca62aa00097268a4",
              "originip": "192.168.1.1",
              "specversion": "1.0",
              "datacontenttype": "application/json",
              "reason": "User initiated reload",
              "userid": "5be59decca62aa00097268a4",
              "spaceid": "64db65d5970c28d340790f5c",
              "authtype": "token",
              "clientid": "id123",
              "tenantid": "UkeLb6ICti8OA8f3LueRI5kVNtuHc15f",
              "sessionid": "b1fb457e-fca4-3c7d-8436-14380a990aef",
              "authclaims": "{\\"sub\\":\\"5be59decca62aa00097268a4\\",\\"name\\":\\"John Doe\\",\\"email\\":\\"john.doe@example.com\\"}",
              "tracestate": "key1=value1,key2=value2",
              "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
              "toplevelresourceid": "002ff8c5-3c11-4464-a22b-68fb5e7ee5e8",
              "data": {
                "id": "6a849f7f18ec290e6ceb025d",
                "appId": "002ff8c5-3c11-4464-a22b-68fb5e7ee5e8",
                "userId": "5be59decca62aa00097268a4",
                "succeeded": true
              }
            }
            """;

    /** Copy of spec/examples/cloudevent-user-created.qlik-dev.json. */
    static final String CLOUDEVENT_USER_CREATED = """
            {
              "id": "A234-1234-1234",
              "time": "2025-04-21T13:45:30Z",
              "type": "com.qlik.v1.user.created",
              "source": "com.qlik/identities",
              "specversion": "1.0",
              "datacontenttype": "application/json",
              "userid": "507f191e810c19729de860ea",
              "tenantid": "VZhiEfgW2bLd7HgR-jjzAh6VnicipweT",
              "data": {
                "id": "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69",
                "name": "string",
                "email": "string",
                "groups": [
                  "group1",
                  "group2"
                ],
                "locale": "string",
                "status": "active",
                "picture": "http://example.com",
                "subject": "string",
                "tenantId": "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69",
                "zoneinfo": "string",
                "createdAt": "string",
                "inviteExpiry": 42,
                "assignedRoles": [
                  {
                    "id": "507f191e810c19729de860ea",
                    "name": "My Custom Role",
                    "type": "custom",
                    "level": "user"
                  }
                ],
                "lastUpdatedAt": "string",
                "assignedGroups": [
                  {
                    "id": "507f191e810c19729de860ea",
                    "name": "Finance",
                    "assignedRoles": [
                      {
                        "id": "507f191e810c19729de860ea",
                        "name": "My Custom Role",
                        "type": "custom",
                        "level": "user"
                      }
                    ]
                  }
                ],
                "preferredLocale": "string",
                "preferredZoneinfo": "string"
              }
            }
            """;

    /** Copy of spec/examples/legacy-user-created.qlik-dev-users-page-old.json. */
    static final String LEGACY_USER_CREATED = """
            {
            "cloudEventsVersion": "0.1",
            "eventTypeVersion": "1.0.0",
            "source": "com.qlik/users",
            "contentType": "application/json",
            "eventId": "id123",
            "eventTime": "2018-10-30T07:06:22Z",
            "eventType": "com.qlik.v1.user.created",
            "extensions": {
            "description": "User created",
            "tenantId": "id123",
            "userId": "id123"
            },
            "data": {
            "id": "string",
            "tenantId": "string",
            "subject": "string"
            }
            }
            """;

    private EventExamples() {
    }
}
