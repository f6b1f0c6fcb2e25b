"""Why the operating system refused a file, in the reader's words.

``OSError.strerror`` is the C library's English ("No such file or directory", "Permission
denied"), which a Turkish run printed inside a Turkish sentence: the common causes are message
codes here; a rare one keeps the system's text.
"""

from __future__ import annotations

import errno

from crmselect.errors import Message, msg

_REASONS = {
    errno.ENOENT: "os_no_such_path",
    errno.ENOTDIR: "os_not_a_folder",
    errno.EISDIR: "os_is_a_folder",
    errno.EACCES: "os_permission_denied",
    errno.EPERM: "os_permission_denied",
    errno.EROFS: "os_read_only",
    errno.ENOSPC: "os_disk_full",
    errno.EDQUOT: "os_disk_full",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.ELOOP: "os_link_loop",
    errno.EIO: "os_io_error",
}


def os_reason(exc: OSError) -> Message | str:
    """The reason of ``exc`` as a message code when it is a common one, else the system's
    text (or the exception's, when it has none)."""
    code = _REASONS.get(exc.errno or 0)
    return msg(code) if code else (exc.strerror or str(exc))
