/// What the deploy needs to know about one commit.
public struct GitCommitInfo: Sendable, Equatable {
    /// The commit's 40-hex id.
    public var id: String
    /// The 40-hex id of the commit's root tree.
    public var treeID: String
    /// The first paragraph of the message, on one line.
    public var summary: String
    /// The author as `Name <email>`.
    public var author: String

    public init(id: String, treeID: String, summary: String, author: String) {
        self.id = id
        self.treeID = treeID
        self.summary = summary
        self.author = author
    }
}
