/** An image tag: letters, digits, ".", "_", "-"; at most 128, not starting with "." or "-". */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
