"use client";
import { WandSparkles } from "lucide-react";
import { generatePassword, MIN_PASSWORD_LENGTH } from "@/components/lib/password";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/form";

/** A password input with a Generate button; generated passwords are shown in clear text. */
export function PasswordField({
  label = "Password",
  value,
  onChange,
  errors,
  visible,
  onVisibleChange,
}: {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  visible: boolean;
  onVisibleChange: (visible: boolean) => void;
}) {
  return (
    <Field label={label} errors={errors} hint={`At least ${MIN_PASSWORD_LENGTH} characters. Generate one, or type your own.`}>
      {(props) => (
        <div className="flex gap-2">
          <Input
            {...props}
            type={visible ? "text" : "password"}
            autoComplete="new-password"
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            className="font-mono"
          />
          <Button
            onClick={() => {
              onChange(generatePassword());
              onVisibleChange(true);
            }}
          >
            <WandSparkles aria-hidden className="size-4" />
            Generate
          </Button>
        </div>
      )}
    </Field>
  );
}
