/* Test-only stand-in for Windows' bcryptprimitives.dll (ProcessPrng), which
 * Wine 8 (Debian 12) lacks and Rust's standard library imports; Windows 10
 * and later have the real one. Built and placed beside the .exe only by
 * compare-wine, never shipped. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
