package dev.brindle.datastore.resource;

/** IPPool {@code assignmentMode}: Manual pools are used only when a request names them. */
public enum AssignmentMode {
    Automatic,
    Manual
}
