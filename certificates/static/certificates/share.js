// Progressive enhancement: the share link is a read-only field anyone can select; with JavaScript and the
// Clipboard API, a "Copy link" button appears and announces the result in a live region.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".cert-copy").forEach((button) => {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.closest(".cert-share").querySelector(".cert-copy-status");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        status.textContent = status.dataset.copiedText;
      } catch (error) {
        input.select();
      }
    });
  });
});
