/// Records Events about objects, as client-go's event recorder does: a repeat of the same
/// reason and message on the same object bumps the count instead of creating a new Event.
public final class EventRecorder {
    private let client: Client
    private let component: String
    private let host: String?
    private var seen: [String: (name: String, namespace: String, count: Int32, first: Timestamp)] = [:]

    public init(client: Client, component: String, host: String? = nil) {
        self.client = client
        self.component = component
        self.host = host
    }

    public func record(_ object: any APIObject, type: String = "Normal", reason: String, message: String, fieldPath: String? = nil) {
        var reference = object.reference()
        reference.fieldPath = fieldPath
        let namespace = object.metadata.namespace ?? "default"
        let now = client.server.now
        let identity = "\(reference.uid ?? "")|\(reason)|\(message)|\(fieldPath ?? "")"
        if let previous = seen[identity], let existing = client.get(Event.self, namespace: previous.namespace, name: previous.name).value {
            var event = existing
            event.count = previous.count + 1
            event.lastTimestamp = now
            seen[identity] = (previous.name, previous.namespace, previous.count + 1, previous.first)
            client.update(event, routine: true)
            return
        }
        let name = "\(object.name).\(client.simulation.random[.eventNames].hex(length: 16))"
        var event = Event(metadata: ObjectMeta(name: name, namespace: namespace), involvedObject: reference)
        event.reason = reason
        event.message = message
        event.type = type
        event.source = EventSource(component: component, host: host)
        event.firstTimestamp = now
        event.lastTimestamp = now
        event.count = 1
        event.reportingComponent = component
        event.reportingInstance = host ?? ""
        event.eventTime = .null
        seen[identity] = (name, namespace, 1, now)
        client.create(event, routine: true)
    }
}
